#pragma once
#include "data/Dataset.h"
#include "io/ColumnSummary.h"

#include <optional>
#include <string>
#include <vector>

namespace tw {

// A dataset as a reader produced it, with what the reader learned on the way.
struct LoadedDataset {
    Dataset data;
    // A split the data's publisher fixed (Fashion-MNIST's 10k test images). When present,
    // it is the test split; tuning must never see it.
    std::optional<Dataset> officialTest;
    std::vector<ColumnSummary> columns;  // input columns in file order
    long long droppedRows = 0;           // rows dropped for missing values
    long long imputedValues = 0;
    std::string format;                  // how it was read, e.g. "csv, comma, header"

    // One numeric feature column per feature and the target, for readers without columns.
    static std::vector<ColumnSummary> columnsOf(const Dataset& data);
};

} // namespace tw
