#pragma once
#include "core/FrozenTrial.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace tw {

// `export --best FILE`: the best trial's params as JSON
// ({"study", "trial", "metric", "value", "params": {...}}, which `train --params @FILE`
// reads back), YAML (the same keys), or CSV (one header row and one value row), chosen by
// the file's extension.
class BestParamsExport {
public:
    enum class Format { Json, Yaml, Csv };
    // The format for a file name, or nullopt-like failure: returns false for an unknown one.
    static bool formatForFile(const QString& fileName, Format* format);
    static QJsonObject toJson(const QString& study, const FrozenTrial& best, const QString& metric);
    static QByteArray write(Format format, const QString& study, const FrozenTrial& best,
                            const QString& metric);
};

} // namespace tw
