#include "spec/DatasetSpec.h"

namespace tw {

QStringList DatasetSpec::builtinNames() {
    return {QStringLiteral("iris"),   QStringLiteral("wine"),     QStringLiteral("breast_cancer"),
            QStringLiteral("digits"), QStringLiteral("diabetes"), QStringLiteral("fashion_mnist")};
}

QStringList DatasetSpec::syntheticKinds() {
    return {QStringLiteral("moons"), QStringLiteral("circles"), QStringLiteral("spirals"),
            QStringLiteral("blobs"), QStringLiteral("xor"),     QStringLiteral("friedman1"),
            QStringLiteral("sine")};
}

std::optional<Task> DatasetSpec::knownTask() const {
    switch (sourceKind) {
    case SourceKind::Csv:
        return std::nullopt;
    case SourceKind::Builtin:
        return sourceName == QLatin1String("diabetes") ? Task::Regression : Task::Classification;
    case SourceKind::Synthetic:
        return sourceName == QLatin1String("friedman1") || sourceName == QLatin1String("sine")
                   ? Task::Regression
                   : Task::Classification;
    }
    return std::nullopt;
}

std::optional<ImageShape> DatasetSpec::knownImageShape() const {
    if (imageShape)
        return imageShape;
    if (sourceKind == SourceKind::Builtin && sourceName == QLatin1String("digits"))
        return ImageShape{1, 8, 8};
    if (sourceKind == SourceKind::Builtin && sourceName == QLatin1String("fashion_mnist"))
        return ImageShape{1, 28, 28};
    return std::nullopt;
}

} // namespace tw
