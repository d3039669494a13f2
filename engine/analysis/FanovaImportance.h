#pragma once
#include "analysis/RegressionData.h"
#include "analysis/RandomForest.h"
#include "analysis/RegressionTree.h"

#include <vector>

namespace tw {

// fANOVA (Hutter, Hoos & Leyton-Brown, "An Efficient Approach for Assessing Hyperparameter
// Importance", ICML 2014), as Optuna's FanovaImportanceEvaluator computes it: for each tree,
// the variance of its prediction over the whole domain (uniform: each numeric column over
// [low, high], each category of equal measure) and the variance of each column's marginal
// (the prediction averaged over all other columns); a column's importance is the mean over
// the trees with a positive variance of marginal / total.
//
// A tree is piecewise constant on its leaves' boxes, so a column's marginal is piecewise
// constant between that column's split thresholds: one sweep over the leaves gives it
// exactly (no sampling), in O(leaves * columns + splits * log splits) per column.
class FanovaImportance {
public:
    struct TreeDecomposition {
        double mean = 0.0;
        double totalVariance = 0.0;
        std::vector<double> marginalVariance;  // one per column
    };

    static TreeDecomposition decompose(const RegressionTree& tree,
                                       const std::vector<FeatureColumn>& columns);
    // One value per column: the mean fraction of variance explained by the column's own
    // marginal, over the trees whose total variance is positive (all 0 when none is).
    static std::vector<double> importance(const RandomForest& forest,
                                          const std::vector<FeatureColumn>& columns);
};

} // namespace tw
