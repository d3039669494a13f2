#pragma once
#include <cstdint>

namespace tw {

// `objective.dataset.split`: the hold-out fractions. The test split is held out first;
// with cross-validation (`cv_folds` >= 2) `validation` is not used.
struct SplitSpec {
    double validation = 0.2; // in [0, 1)
    double test = 0.2;       // in [0, 1); validation + test < 1
    bool stratify = true;    // ignored for regression
    bool shuffle = true;     // false: rows keep their order (the seed is unused)
    std::uint64_t seed = 0;
};

} // namespace tw
