#pragma once
#include "data/ImageShape.h"
#include "spec/JsonPath.h"
#include "spec/ModelSpec.h"
#include "spec/SpecReader.h"

namespace tw::specparse {

// `objective.model`: the model type, its layers (hidden sizes, conv blocks) and their
// options.
class ModelSectionParser {
public:
    static ModelSpec parse(const SpecReader& r);
    // One block of `conv`; throws SpecError under `path`.
    static ConvBlockSpec parseConvBlock(const QJsonValue& v, const JsonPath& path);
    // Shape inference before any trial: every conv block must leave a map of at least
    // 1x1 from `input`; a message names the block's kernel or pool under `convPath`.
    static void checkConvShapes(const ModelSpec& m, const ImageShape& input,
                                const JsonPath& convPath);
};

} // namespace tw::specparse
