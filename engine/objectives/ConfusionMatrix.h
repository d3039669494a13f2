#pragma once
#include <string>
#include <vector>

namespace tw {

// Counts of (true class, predicted class) on the validation rows; with cross-validation
// the sum over the folds, so every row of the pool is counted once.
struct ConfusionMatrix {
    std::vector<std::string> labels;
    std::vector<std::vector<long long>> counts;  // counts[true][predicted]
};

} // namespace tw
