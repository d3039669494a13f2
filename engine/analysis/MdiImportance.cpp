#include "analysis/MdiImportance.h"

namespace tw {

std::vector<double> MdiImportance::treeImportance(const RegressionTree& tree)
{
    std::vector<double> out(tree.featureCount(), 0.0);
    const auto& nodes = tree.nodes();
    for (const TreeNode& n : nodes) {
        if (n.isLeaf())
            continue;
        const TreeNode& l = nodes[static_cast<std::size_t>(n.left)];
        const TreeNode& r = nodes[static_cast<std::size_t>(n.right)];
        const double decrease = n.weight * n.impurity - l.weight * l.impurity - r.weight * r.impurity;
        out[static_cast<std::size_t>(n.feature)] += decrease > 0 ? decrease : 0.0;
    }
    double sum = 0;
    for (double v : out)
        sum += v;
    if (sum > 0)
        for (double& v : out)
            v /= sum;
    return out;
}

std::vector<double> MdiImportance::importance(const RandomForest& forest)
{
    std::vector<double> sum;
    for (const RegressionTree& tree : forest.trees()) {
        if (tree.nodes().size() <= 1)
            continue;
        const std::vector<double> t = treeImportance(tree);
        if (sum.empty())
            sum.assign(t.size(), 0.0);
        for (std::size_t i = 0; i < t.size(); ++i)
            sum[i] += t[i];
    }
    if (sum.empty() && !forest.trees().empty())
        sum.assign(forest.trees().front().featureCount(), 0.0);
    double total = 0;
    for (double v : sum)
        total += v;
    if (total > 0)
        for (double& v : sum)
            v /= total;
    return sum;
}

} // namespace tw
