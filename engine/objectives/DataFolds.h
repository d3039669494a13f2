#pragma once
#include "data/DataSplitter.h"
#include "data/Preprocessor.h"

#include <vector>

namespace tw {

// How a train objective divides its data: one fold for a hold-out split, k for k-fold
// cross-validation. Each fold keeps row indices (into the loaded dataset) and the
// preprocessing fitted on its training rows only, so a trial materialises its rows on
// demand and the cache holds no second copy of a large dataset.
struct DataFold {
    SplitIndices indices;
    Preprocessor preprocessor;  // fitted on indices.train
};

struct DataFolds {
    std::vector<DataFold> folds;
    bool crossValidation = false;
    // The test rows are the publisher's fixed test set (LoadedDataset::officialTest), not
    // rows of the data; indices.test is then empty.
    bool officialTest = false;
};

} // namespace tw
