#include "analysis/RegressionTree.h"
#include "core/Random.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <utility>

namespace tw {

namespace {

struct Candidate {
    bool found = false;
    int feature = -1;
    double proxy = 0.0;  // sum_left^2 / w_left + sum_right^2 / w_right: larger is better
    double threshold = 0.0;
    std::vector<unsigned char> left;  // categorical: 1 per category that goes left
};

struct Pending {
    int node;
    std::size_t begin;
    std::size_t end;
    int depth;
};

} // namespace

bool RegressionTree::goesLeft(const TreeNode& node, double value) const
{
    if (node.categoryOffset >= 0) {
        const auto c = static_cast<std::size_t>(value);
        return m_leftCategories[static_cast<std::size_t>(node.categoryOffset) + c] != 0;
    }
    return value <= node.threshold;
}

double RegressionTree::predict(const double* row) const
{
    int i = 0;
    while (!m_nodes[i].isLeaf()) {
        const TreeNode& n = m_nodes[i];
        i = goesLeft(n, row[n.feature]) ? n.left : n.right;
    }
    return m_nodes[i].value;
}

int RegressionTree::depth() const
{
    std::vector<int> d(m_nodes.size(), 0);
    int deepest = 0;
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        deepest = std::max(deepest, d[i]);
        if (!m_nodes[i].isLeaf()) {
            d[m_nodes[i].left] = d[i] + 1;
            d[m_nodes[i].right] = d[i] + 1;
        }
    }
    return deepest;
}

RegressionTree RegressionTree::fit(const RegressionData& data, const std::vector<double>& weights,
                                   const TreeOptions& options, std::uint64_t seed)
{
    if (weights.size() != data.rows())
        throw std::invalid_argument("RegressionTree::fit(): one weight per row expected");
    RegressionTree tree;
    tree.m_featureCount = data.cols();
    Random rng(seed);
    const std::size_t d = data.cols();
    const int minLeaf = std::max(1, options.minSamplesLeaf);
    const int minSplit = std::max(2, options.minSamplesSplit);

    std::vector<std::size_t> rows;
    for (std::size_t r = 0; r < data.rows(); ++r)
        if (weights[r] > 0)
            rows.push_back(r);
    if (rows.empty())
        throw std::invalid_argument("RegressionTree::fit(): no row has a positive weight");

    std::vector<int> features(d);
    std::iota(features.begin(), features.end(), 0);
    std::vector<std::pair<double, std::size_t>> sorted;
    struct CategoryStat {
        double w = 0, s = 0;
        int n = 0;
    };
    std::vector<CategoryStat> stats;
    std::vector<int> order;

    double rootImpurity = 0.0;
    std::vector<Pending> stack{{0, 0, rows.size(), 0}};
    tree.m_nodes.emplace_back();
    while (!stack.empty()) {
        const Pending p = stack.back();
        stack.pop_back();
        // Node statistics.
        double w = 0, s = 0;
        for (std::size_t i = p.begin; i < p.end; ++i) {
            w += weights[rows[i]];
            s += weights[rows[i]] * data.target(rows[i]);
        }
        const double mean = s / w;
        double sse = 0;
        for (std::size_t i = p.begin; i < p.end; ++i) {
            const double e = data.target(rows[i]) - mean;
            sse += weights[rows[i]] * e * e;
        }
        {
            TreeNode& node = tree.m_nodes[p.node];
            node.value = mean;
            node.weight = w;
            node.impurity = sse / w;
            node.samples = static_cast<int>(p.end - p.begin);
        }
        if (p.node == 0)
            rootImpurity = sse / w;
        const int count = static_cast<int>(p.end - p.begin);
        if (p.depth >= options.maxDepth || count < minSplit || count < 2 * minLeaf ||
            sse / w <= 1e-15 * (mean * mean + rootImpurity) || sse == 0.0)
            continue;

        // Fisher-Yates: the order features are tried in, which breaks ties.
        for (std::size_t i = d; i > 1; --i)
            std::swap(features[i - 1], features[rng.below(i)]);

        Candidate best;
        for (const int f : features) {
            const FeatureColumn& col = data.column(static_cast<std::size_t>(f));
            if (!col.isCategorical()) {
                sorted.clear();
                for (std::size_t i = p.begin; i < p.end; ++i)
                    sorted.emplace_back(data.at(rows[i], static_cast<std::size_t>(f)), rows[i]);
                std::sort(sorted.begin(), sorted.end());
                if (!(sorted.front().first < sorted.back().first))
                    continue;
                double wl = 0, sl = 0;
                for (std::size_t i = 0; i + 1 < sorted.size(); ++i) {
                    const std::size_t r = sorted[i].second;
                    wl += weights[r];
                    sl += weights[r] * data.target(r);
                    const int nl = static_cast<int>(i + 1);
                    if (!(sorted[i].first < sorted[i + 1].first) || nl < minLeaf || count - nl < minLeaf)
                        continue;
                    const double wr = w - wl, sr = s - sl;
                    if (wl <= 0 || wr <= 0)
                        continue;
                    const double proxy = sl * sl / wl + sr * sr / wr;
                    if (!best.found || proxy > best.proxy) {
                        double t = 0.5 * (sorted[i].first + sorted[i + 1].first);
                        if (!(t < sorted[i + 1].first))
                            t = sorted[i].first;
                        best.found = true;
                        best.feature = f;
                        best.proxy = proxy;
                        best.threshold = t;
                        best.left.clear();
                    }
                }
            } else {
                const auto k = static_cast<std::size_t>(col.categories);
                stats.assign(k, {});
                for (std::size_t i = p.begin; i < p.end; ++i) {
                    const std::size_t r = rows[i];
                    auto& st = stats[static_cast<std::size_t>(data.at(r, static_cast<std::size_t>(f)))];
                    st.w += weights[r];
                    st.s += weights[r] * data.target(r);
                    ++st.n;
                }
                order.clear();
                for (std::size_t c = 0; c < k; ++c)
                    if (stats[c].n > 0)
                        order.push_back(static_cast<int>(c));
                if (order.size() < 2)
                    continue;
                std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
                    return stats[a].s / stats[a].w < stats[b].s / stats[b].w;
                });
                double wl = 0, sl = 0;
                int nl = 0;
                for (std::size_t i = 0; i + 1 < order.size(); ++i) {
                    const CategoryStat& st = stats[static_cast<std::size_t>(order[i])];
                    wl += st.w;
                    sl += st.s;
                    nl += st.n;
                    if (nl < minLeaf || count - nl < minLeaf)
                        continue;
                    const double wr = w - wl, sr = s - sl;
                    if (wl <= 0 || wr <= 0)
                        continue;
                    const double proxy = sl * sl / wl + sr * sr / wr;
                    if (!best.found || proxy > best.proxy) {
                        best.found = true;
                        best.feature = f;
                        best.proxy = proxy;
                        best.left.assign(k, 0);
                        for (std::size_t j = 0; j <= i; ++j)
                            best.left[static_cast<std::size_t>(order[j])] = 1;
                    }
                }
            }
        }
        if (!best.found)
            continue;

        TreeNode& node = tree.m_nodes[p.node];
        node.feature = best.feature;
        node.threshold = best.threshold;
        if (!best.left.empty()) {
            node.categoryOffset = static_cast<int>(tree.m_leftCategories.size());
            tree.m_leftCategories.insert(tree.m_leftCategories.end(), best.left.begin(), best.left.end());
        }
        const TreeNode split = node;
        auto mid = std::stable_partition(rows.begin() + static_cast<std::ptrdiff_t>(p.begin),
                                         rows.begin() + static_cast<std::ptrdiff_t>(p.end),
                                         [&](std::size_t r) {
                                             return tree.goesLeft(split, data.at(r, static_cast<std::size_t>(split.feature)));
                                         });
        const auto m = static_cast<std::size_t>(mid - rows.begin());
        const int left = static_cast<int>(tree.m_nodes.size());
        tree.m_nodes.emplace_back();
        tree.m_nodes.emplace_back();
        tree.m_nodes[p.node].left = left;
        tree.m_nodes[p.node].right = left + 1;
        // Right first on the stack, so the left subtree is built first (depth first).
        stack.push_back({left + 1, m, p.end, p.depth + 1});
        stack.push_back({left, p.begin, m, p.depth + 1});
    }
    return tree;
}

} // namespace tw
