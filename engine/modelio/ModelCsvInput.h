#pragma once
#include "modelio/SavedModel.h"

#include <QString>

class QIODevice;

namespace tw {

// Reads the raw features a saved model takes from a CSV file, the way its training data
// was read: numeric columns as numbers, text columns one-hot over the model's categories.
// Columns are found by their header names, so their order does not matter and other
// columns (the target, an id) are ignored. A file without a header is read by position
// when its rows have exactly the model's input columns. The delimiter is sniffed.
// Errors throw DataError naming source:line:column: a missing column, a missing value
// (the model has no imputation to replay), text in a numeric column, a category the model
// never saw.
class ModelCsvInput {
public:
    static FeatureMatrix read(QIODevice& device, const QString& sourceName, const SavedModel& model);
    static FeatureMatrix readFile(const QString& path, const SavedModel& model);
};

} // namespace tw
