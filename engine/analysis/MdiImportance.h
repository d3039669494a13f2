#pragma once
#include "analysis/RandomForest.h"

#include <vector>

namespace tw {

// Mean decrease in impurity, as scikit-learn's feature_importances_ (which Optuna's
// MeanDecreaseImpurityImportanceEvaluator reads): per tree, each split adds
// weight * impurity - the children's weight * impurity to its feature; a tree's sums are
// normalized to 1; the forest averages the trees that split at all and normalizes again.
class MdiImportance {
public:
    static std::vector<double> treeImportance(const RegressionTree& tree);  // sums to 1 or all 0
    static std::vector<double> importance(const RandomForest& forest);
};

} // namespace tw
