#include "analysis/RandomForest.h"
#include "core/Random.h"

#include <stdexcept>

namespace tw {

RandomForest RandomForest::fit(const RegressionData& data, const RandomForestOptions& options)
{
    if (data.rows() == 0)
        throw std::invalid_argument("RandomForest::fit(): no rows");
    if (std::string why = data.validationError(); !why.empty())
        throw std::invalid_argument("RandomForest::fit(): " + why);
    if (options.trees < 1)
        throw std::invalid_argument("RandomForest::fit(): at least one tree expected");
    RandomForest forest;
    const std::size_t n = data.rows();
    std::vector<double> weights(n);
    for (int t = 0; t < options.trees; ++t) {
        const auto label = static_cast<std::uint64_t>(t);
        if (options.bootstrap) {
            Random draws(Random::derive(options.seed, 2 * label));
            std::fill(weights.begin(), weights.end(), 0.0);
            for (std::size_t i = 0; i < n; ++i)
                weights[draws.below(n)] += 1.0;
        } else {
            std::fill(weights.begin(), weights.end(), 1.0);
        }
        forest.m_trees.push_back(RegressionTree::fit(data, weights, options.tree,
                                                     Random::derive(options.seed, 2 * label + 1)));
    }
    return forest;
}

double RandomForest::predict(const double* row) const
{
    double sum = 0;
    for (const RegressionTree& t : m_trees)
        sum += t.predict(row);
    return sum / static_cast<double>(m_trees.size());
}

} // namespace tw
