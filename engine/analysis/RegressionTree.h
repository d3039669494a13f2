#pragma once
#include "analysis/RegressionData.h"

#include <cstdint>
#include <vector>

namespace tw {

// One node of a RegressionTree. A leaf has feature -1.
struct TreeNode {
    int feature = -1;
    // Numeric split: a row goes left when its value is <= threshold.
    double threshold = 0.0;
    // Categorical split: offset of `categories` bytes in RegressionTree::leftCategories(),
    // 1 for each category that goes left. Categories the node's rows did not have go right.
    int categoryOffset = -1;
    int left = -1;
    int right = -1;
    double value = 0.0;     // the weighted mean of the node's targets
    double weight = 0.0;    // the sum of its rows' weights
    double impurity = 0.0;  // the weighted variance of its targets
    int samples = 0;        // distinct rows in the node

    bool isLeaf() const { return feature < 0; }
};

struct TreeOptions {
    int maxDepth = 64;
    int minSamplesSplit = 2;
    int minSamplesLeaf = 1;
};

// A CART regression tree (squared error), as scikit-learn's DecisionTreeRegressor with
// max_features = all: at each node every feature is tried in a random order and the split
// with the largest decrease of the weighted squared error wins (the first one on a tie).
// Numeric splits sit halfway between two neighbouring values; a categorical feature is
// split into two sets of categories, the best of the orderings by mean target (Breiman
// et al. 1984, exact for squared error). Deterministic given the seed.
class RegressionTree {
public:
    // Rows with weight 0 are left out (a bootstrap's unchosen rows).
    static RegressionTree fit(const RegressionData& data, const std::vector<double>& weights,
                              const TreeOptions& options, std::uint64_t seed);

    const std::vector<TreeNode>& nodes() const { return m_nodes; }
    const std::vector<unsigned char>& leftCategories() const { return m_leftCategories; }
    std::size_t featureCount() const { return m_featureCount; }
    // Whether a value of the node's feature goes to the left child.
    bool goesLeft(const TreeNode& node, double value) const;
    double predict(const double* row) const;
    int depth() const;

private:
    std::vector<TreeNode> m_nodes;
    std::vector<unsigned char> m_leftCategories;
    std::size_t m_featureCount = 0;
};

} // namespace tw
