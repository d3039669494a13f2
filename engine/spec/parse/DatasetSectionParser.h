#pragma once
#include "spec/DatasetSpec.h"
#include "spec/SpecReader.h"

namespace tw::specparse {

// `objective.dataset` of a train objective: the source, its columns and reading options,
// the split, preprocessing, augmentations and a synthetic generator's settings.
class DatasetSectionParser {
public:
    static DatasetSpec parse(const SpecReader& r);
};

} // namespace tw::specparse
