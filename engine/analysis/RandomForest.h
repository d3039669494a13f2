#pragma once
#include "analysis/RegressionData.h"
#include "analysis/RegressionTree.h"

#include <cstdint>
#include <vector>

namespace tw {

// As Optuna's importance evaluators configure scikit-learn's RandomForestRegressor:
// 64 trees of depth at most 64, every feature tried at every split, bootstrap samples.
struct RandomForestOptions {
    int trees = 64;
    TreeOptions tree;
    bool bootstrap = true;  // each tree sees n rows drawn with replacement
    std::uint64_t seed = 0;
};

// A random forest regressor. The same data, options and seed give the same trees on any
// machine and standard library (its own generator, no <random> distributions).
class RandomForest {
public:
    // Throws std::invalid_argument for an empty matrix or one that fails validationError().
    static RandomForest fit(const RegressionData& data, const RandomForestOptions& options);

    const std::vector<RegressionTree>& trees() const { return m_trees; }
    double predict(const double* row) const;  // the mean of the trees' predictions

private:
    std::vector<RegressionTree> m_trees;
};

} // namespace tw
