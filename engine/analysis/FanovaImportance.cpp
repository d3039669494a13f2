#include "analysis/FanovaImportance.h"

#include <algorithm>
#include <stdexcept>

namespace tw {

namespace {

// A leaf's box: per numeric column an interval, per categorical one the allowed categories.
struct Leaf {
    double value = 0.0;
    std::vector<double> low, high;          // numeric columns (others unused)
    std::vector<std::vector<unsigned char>> allowed;  // categorical columns (others empty)
};

double fraction(const Leaf& leaf, const FeatureColumn& col, std::size_t c)
{
    if (col.isCategorical()) {
        int n = 0;
        for (unsigned char a : leaf.allowed[c])
            n += a;
        return static_cast<double>(n) / col.categories;
    }
    const double width = col.high - col.low;
    if (!(width > 0))
        return 1.0;
    return std::max(0.0, leaf.high[c] - leaf.low[c]) / width;
}

} // namespace

FanovaImportance::TreeDecomposition FanovaImportance::decompose(const RegressionTree& tree,
                                                                const std::vector<FeatureColumn>& columns)
{
    const std::size_t d = columns.size();
    if (tree.featureCount() != d)
        throw std::invalid_argument("FanovaImportance::decompose(): the tree has " +
                                    std::to_string(tree.featureCount()) + " features, not " +
                                    std::to_string(d));
    const auto& nodes = tree.nodes();

    // Leaves and their boxes, depth first.
    std::vector<Leaf> leaves;
    std::vector<std::vector<double>> thresholds(d);
    {
        Leaf root;
        root.low.resize(d);
        root.high.resize(d);
        root.allowed.resize(d);
        for (std::size_t c = 0; c < d; ++c) {
            root.low[c] = columns[c].low;
            root.high[c] = columns[c].high;
            if (columns[c].isCategorical())
                root.allowed[c].assign(static_cast<std::size_t>(columns[c].categories), 1);
        }
        std::vector<std::pair<int, Leaf>> stack;
        stack.emplace_back(0, std::move(root));
        while (!stack.empty()) {
            auto [index, box] = std::move(stack.back());
            stack.pop_back();
            const TreeNode& node = nodes[static_cast<std::size_t>(index)];
            if (node.isLeaf()) {
                box.value = node.value;
                leaves.push_back(std::move(box));
                continue;
            }
            const auto f = static_cast<std::size_t>(node.feature);
            Leaf left = box;
            Leaf& right = box;
            if (columns[f].isCategorical()) {
                for (std::size_t k = 0; k < left.allowed[f].size(); ++k) {
                    const bool goesLeft = tree.goesLeft(node, static_cast<double>(k));
                    left.allowed[f][k] = left.allowed[f][k] && goesLeft;
                    right.allowed[f][k] = right.allowed[f][k] && !goesLeft;
                }
            } else {
                const double t = std::clamp(node.threshold, columns[f].low, columns[f].high);
                thresholds[f].push_back(t);
                left.high[f] = std::min(left.high[f], t);
                right.low[f] = std::max(right.low[f], t);
            }
            stack.emplace_back(node.right, std::move(right));
            stack.emplace_back(node.left, std::move(left));
        }
    }

    // Each leaf's share of the domain, and that share without one column's factor.
    const std::size_t L = leaves.size();
    std::vector<double> frac(L * d);
    std::vector<double> volume(L, 1.0);
    for (std::size_t l = 0; l < L; ++l)
        for (std::size_t c = 0; c < d; ++c) {
            frac[l * d + c] = fraction(leaves[l], columns[c], c);
            volume[l] *= frac[l * d + c];
        }
    TreeDecomposition out;
    double total = 0.0;
    for (std::size_t l = 0; l < L; ++l) {
        out.mean += volume[l] * leaves[l].value;
        total += volume[l];
    }
    if (total > 0)
        out.mean /= total;
    for (std::size_t l = 0; l < L; ++l) {
        const double e = leaves[l].value - out.mean;
        out.totalVariance += volume[l] * e * e;
    }
    if (total > 0)
        out.totalVariance /= total;

    out.marginalVariance.assign(d, 0.0);
    std::vector<double> others(L);
    for (std::size_t c = 0; c < d; ++c) {
        // others[l]: the leaf's share of all columns but c (a product, not a division, so a
        // zero-width factor elsewhere stays exact).
        for (std::size_t l = 0; l < L; ++l) {
            double p = 1.0;
            for (std::size_t g = 0; g < d; ++g)
                if (g != c)
                    p *= frac[l * d + g];
            others[l] = p;
        }
        const FeatureColumn& col = columns[c];
        std::vector<double> cellValue, cellSize;
        if (col.isCategorical()) {
            const auto k = static_cast<std::size_t>(col.categories);
            cellValue.assign(k, 0.0);
            cellSize.assign(k, 1.0 / static_cast<double>(k));
            for (std::size_t l = 0; l < L; ++l)
                for (std::size_t j = 0; j < k; ++j)
                    if (leaves[l].allowed[c][j])
                        cellValue[j] += leaves[l].value * others[l];
        } else {
            std::vector<double> cuts = thresholds[c];
            cuts.push_back(col.low);
            cuts.push_back(col.high);
            std::sort(cuts.begin(), cuts.end());
            cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
            if (cuts.size() < 2) {
                cellValue.assign(1, 0.0);
                cellSize.assign(1, 1.0);
                for (std::size_t l = 0; l < L; ++l)
                    cellValue[0] += leaves[l].value * others[l];
            } else {
                const std::size_t cells = cuts.size() - 1;
                std::vector<double> diff(cells + 1, 0.0);
                for (std::size_t l = 0; l < L; ++l) {
                    const auto a = static_cast<std::size_t>(
                        std::lower_bound(cuts.begin(), cuts.end(), leaves[l].low[c]) - cuts.begin());
                    const auto b = static_cast<std::size_t>(
                        std::lower_bound(cuts.begin(), cuts.end(), leaves[l].high[c]) - cuts.begin());
                    if (b <= a)
                        continue;
                    diff[a] += leaves[l].value * others[l];
                    diff[b] -= leaves[l].value * others[l];
                }
                const double width = col.high - col.low;
                cellValue.resize(cells);
                cellSize.resize(cells);
                double run = 0.0;
                for (std::size_t j = 0; j < cells; ++j) {
                    run += diff[j];
                    cellValue[j] = run;
                    cellSize[j] = (cuts[j + 1] - cuts[j]) / width;
                }
            }
        }
        double m = 0.0, w = 0.0;
        for (std::size_t j = 0; j < cellValue.size(); ++j) {
            m += cellSize[j] * cellValue[j];
            w += cellSize[j];
        }
        if (!(w > 0))
            continue;
        m /= w;
        double v = 0.0;
        for (std::size_t j = 0; j < cellValue.size(); ++j)
            v += cellSize[j] * (cellValue[j] - m) * (cellValue[j] - m);
        out.marginalVariance[c] = std::max(0.0, v / w);
    }
    return out;
}

std::vector<double> FanovaImportance::importance(const RandomForest& forest,
                                                 const std::vector<FeatureColumn>& columns)
{
    std::vector<double> sum(columns.size(), 0.0);
    int used = 0;
    for (const RegressionTree& tree : forest.trees()) {
        const TreeDecomposition t = decompose(tree, columns);
        if (!(t.totalVariance > 0))
            continue;
        ++used;
        for (std::size_t c = 0; c < columns.size(); ++c)
            sum[c] += t.marginalVariance[c] / t.totalVariance;
    }
    if (used > 0)
        for (double& s : sum)
            s /= used;
    return sum;
}

} // namespace tw
