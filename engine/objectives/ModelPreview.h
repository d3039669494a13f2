#pragma once
#include "data/ImageShape.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace tw {

// What the Model section shows of a CNN while it is edited: the input's shape (the
// dataset's), the feature map after each conv block and the parameter count. Everything
// comes from the engine's own parsers, shape inference (ModelArchitecture::convShapes) and
// networks (Model::parameterCount), so the form shows what a trial will build. Cheap enough
// to run at every keystroke: the only data read is a small built-in's class list (once).
struct ModelPreview {
    std::optional<ImageShape> input; // none: the dataset has no image shape, or is invalid
    QString source;                  // objective.dataset.source as written
    int blocks = 0;                  // the conv blocks the spec lists
    // The map after each block, in order, as far as the blocks can be read: a block the
    // parser rejects (an even kernel, a fraction) and those after it have none. A shape may
    // be invalid (0 wide), and those after it repeat it.
    std::vector<ImageShape> shapes;
    std::optional<int> denseInputs;      // what the dense layers see (flattened or pooled), when every map fits
    std::optional<long long> parameters; // when the whole model is valid
    // The output layer's classes; 0 when the data must be read to know them (a CSV), and
    // then `parameters` leaves out the output layer.
    int classes = 0;

    // `objective` is the train objective's JSON (with dataset, model, training).
    static ModelPreview of(const QJsonObject& objective);
};

} // namespace tw
