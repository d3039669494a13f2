#pragma once
#include "data/Dataset.h"
#include "data/AugmentSpec.h"
#include "spec/SplitSpec.h"
#include "spec/SyntheticSpec.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace tw {

// `objective.dataset` of a train objective.
struct DatasetSpec {
    enum class SourceKind { Builtin, Csv, Synthetic };
    enum class Missing { Error, Drop, Mean, Mode };
    enum class Preprocess { None, Standardize, MinMax };

    QString source; // as written (a resolved csv: path is absolute)
    SourceKind sourceKind = SourceKind::Builtin;
    QString sourceName; // the builtin's name, the CSV path, or the synthetic kind
    // The target column by name, or by 0-based index when targetIndex >= 0. Both unset:
    // the built-in's own target, or the last column of a CSV.
    QString target;
    int targetIndex = -1;
    QStringList ignoreNames;        // "columns": {"ignore": [...]} by name
    std::vector<int> ignoreIndices; // ... and by 0-based index
    Missing missing = Missing::Error;
    std::optional<QChar> delimiter; // sniffed when unset
    std::optional<bool> header;     // detected when unset
    SplitSpec split;
    Preprocess preprocess = Preprocess::Standardize;
    std::vector<AugmentSpec> augment;
    SyntheticSpec synthetic;
    // "image_shape": [C, H, W] of a CSV whose feature columns are an image's pixels,
    // row-major, channels first.
    std::optional<ImageShape> imageShape;

    // The task when the source alone tells it (built-ins and synthetic kinds).
    std::optional<Task> knownTask() const;
    // The image shape of each row: the CSV's image_shape, builtin:digits 1x8x8,
    // builtin:fashion_mnist 1x28x28; none for the other sources.
    std::optional<ImageShape> knownImageShape() const;

    static QStringList builtinNames(); // iris, wine, breast_cancer, digits, diabetes, fashion_mnist
    static QStringList syntheticKinds(); // moons, circles, spirals, blobs, xor, friedman1, sine
};

} // namespace tw
