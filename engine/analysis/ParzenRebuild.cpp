#include "analysis/ParzenRebuild.h"

#include "samplers/TPESampler.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

namespace tw {

namespace {

Eigen::VectorXd weights(const TPESnapshot& s, int n)
{
    Eigen::VectorXd w;
    if (s.recencyWeights)
        TPESampler::recencyWeights(n, w);
    else
        w.setOnes(n);
    return w;
}

} // namespace

ParzenRebuild::ParzenRebuild(TPESnapshot snapshot, const FrozenTrial& trial, const std::vector<FrozenTrial>& trials)
    : m_snapshot(std::move(snapshot))
{
    std::unordered_map<int, const FrozenTrial*> byNumber;
    for (const auto& t : trials)
        byNumber[t.number] = &t;
    auto find = [&](int number) -> const FrozenTrial& {
        auto it = byNumber.find(number);
        if (it == byNumber.end())
            throw std::invalid_argument("the snapshot's split trial " + std::to_string(number) + " is not in the study");
        return *it->second;
    };
    if (m_snapshot.groups.empty())
        throw std::invalid_argument("the snapshot has no draws");
    for (const TPESnapshot::Group& sg : m_snapshot.groups) {
        if (sg.split < 0 || sg.split >= static_cast<int>(m_snapshot.splits.size()))
            throw std::invalid_argument("a draw refers to split " + std::to_string(sg.split) + ", which is not stored");
        const TPESnapshot::Split& split = m_snapshot.splits[static_cast<std::size_t>(sg.split)];
        Group g{{}, ParzenEstimator(m_snapshot.estimator(sg)), ParzenEstimator(m_snapshot.estimator(sg)), {}, {}, {}, {}};
        for (const auto& name : sg.params) {
            auto it = trial.distributions.find(name);
            if (it == trial.distributions.end())
                throw std::invalid_argument("trial " + std::to_string(trial.number) + " has no parameter \"" + name + "\"");
            g.dims.push_back(it->second);
        }
        const auto d = static_cast<Eigen::Index>(g.dims.size());
        const std::unordered_set<int> missing(sg.missing.begin(), sg.missing.end());
        // One side's observations in trial order, each weighted by its recency among them.
        auto gather = [&](const std::vector<int>& numbers, std::vector<int>& used, Eigen::MatrixXd& obs) {
            std::vector<double> values;
            for (int number : numbers) {
                const FrozenTrial& t = find(number);
                if (missing.count(number))
                    continue;
                std::vector<double> x(static_cast<std::size_t>(d));
                bool usable = true;
                for (Eigen::Index j = 0; j < d && usable; ++j)
                    usable = TPESampler::observation(t, sg.params[static_cast<std::size_t>(j)],
                                                     g.dims[static_cast<std::size_t>(j)], x[static_cast<std::size_t>(j)]);
                if (!usable) {
                    if (sg.multivariate)  // every trial of a joint split had every parameter
                        throw std::invalid_argument("split trial " + std::to_string(number) +
                                                    " has no usable value of every parameter of the joint draw");
                    continue;
                }
                used.push_back(number);
                values.insert(values.end(), x.begin(), x.end());
            }
            obs = Eigen::Map<const Eigen::MatrixXd>(values.data(), d, static_cast<Eigen::Index>(used.size()));
        };
        gather(split.below, g.belowNumbers, g.belowObs);
        gather(TPESnapshot::fromRanges(split.above), g.aboveNumbers, g.aboveObs);
        const Eigen::VectorXd wBelow = weights(m_snapshot, static_cast<int>(g.belowObs.cols()));
        const Eigen::VectorXd wAbove = weights(m_snapshot, static_cast<int>(g.aboveObs.cols()));
        if (sg.aboveSorted && d == 1 && g.aboveObs.cols() > 1) {
            // Ascending by value, ties by trial number, each weight with its observation.
            std::vector<Eigen::Index> order(static_cast<std::size_t>(g.aboveObs.cols()));
            for (std::size_t i = 0; i < order.size(); ++i)
                order[i] = static_cast<Eigen::Index>(i);
            std::sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) {
                return g.aboveObs(0, a) != g.aboveObs(0, b) ? g.aboveObs(0, a) < g.aboveObs(0, b) : a < b;
            });
            Eigen::MatrixXd obs(1, g.aboveObs.cols());
            Eigen::VectorXd w(g.aboveObs.cols());
            for (std::size_t i = 0; i < order.size(); ++i) {
                obs(0, static_cast<Eigen::Index>(i)) = g.aboveObs(0, order[i]);
                w(static_cast<Eigen::Index>(i)) = wAbove(order[i]);
            }
            g.above.fit(g.dims, obs, w);
        } else {
            g.above.fit(g.dims, g.aboveObs, wAbove);
        }
        g.below.fit(g.dims, g.belowObs, wBelow);
        m_groups.push_back(std::move(g));
    }
}

void ParzenRebuild::logPdf(const ParzenEstimator& e, const std::vector<Distribution>& dims, const Eigen::MatrixXd& x,
                           Eigen::VectorXd& out) const
{
    if (x.rows() != static_cast<Eigen::Index>(dims.size()))
        throw std::invalid_argument("ParzenRebuild: " + std::to_string(x.rows()) + " values for a draw of " +
                                    std::to_string(dims.size()) + " parameters");
    e.logPdf(x, out);
}

double ParzenRebuild::logL(int group, const std::vector<double>& x) const
{
    const Group& g = m_groups.at(static_cast<std::size_t>(group));
    Eigen::VectorXd out;
    logPdf(g.below, g.dims, Eigen::Map<const Eigen::MatrixXd>(x.data(), static_cast<Eigen::Index>(x.size()), 1), out);
    return out(0);
}

double ParzenRebuild::logG(int group, const std::vector<double>& x) const
{
    const Group& g = m_groups.at(static_cast<std::size_t>(group));
    Eigen::VectorXd out;
    logPdf(g.above, g.dims, Eigen::Map<const Eigen::MatrixXd>(x.data(), static_cast<Eigen::Index>(x.size()), 1), out);
    return out(0);
}

double ParzenRebuild::scoreAt(const ParamValues& params) const
{
    double total = 0.0;
    for (std::size_t i = 0; i < m_groups.size(); ++i) {
        std::vector<double> x;
        for (const auto& name : m_snapshot.groups[i].params) {
            auto it = params.find(name);
            if (it == params.end())
                throw std::invalid_argument("ParzenRebuild::scoreAt(): no value for \"" + name + "\"");
            x.push_back(it->second);
        }
        total += score(static_cast<int>(i), x);
    }
    return total;
}

double ParzenRebuild::storedScore() const
{
    double total = 0.0;
    for (const auto& g : m_snapshot.groups)
        total += g.score;
    return total;
}

ParamValues ParzenRebuild::point() const
{
    ParamValues out;
    for (std::size_t i = 0; i < m_groups.size(); ++i) {
        const auto& sg = m_snapshot.groups[i];
        for (std::size_t j = 0; j < sg.params.size(); ++j)
            out[sg.params[j]] = m_groups[i].dims[j].snap(sg.point[j]);
    }
    return out;
}

std::map<std::string, Distribution> ParzenRebuild::distributions() const
{
    std::map<std::string, Distribution> out;
    for (std::size_t i = 0; i < m_groups.size(); ++i)
        for (std::size_t j = 0; j < m_groups[i].dims.size(); ++j)
            out.emplace(m_snapshot.groups[i].params[j], m_groups[i].dims[j]);
    return out;
}

std::vector<ParzenSlice> ParzenRebuild::slices(int points) const
{
    points = std::max(points, 2);
    std::vector<ParzenSlice> out;
    for (std::size_t i = 0; i < m_groups.size(); ++i) {
        const Group& g = m_groups[i];
        const TPESnapshot::Group& sg = m_snapshot.groups[i];
        for (std::size_t j = 0; j < g.dims.size(); ++j) {
            const Distribution& dist = g.dims[j];
            ParzenSlice s;
            s.param = sg.params[j];
            s.distribution = dist;
            s.group = static_cast<int>(i);
            s.multivariate = sg.multivariate;
            s.pointX = dist.snap(sg.point[j]);
            if (dist.kind() == Distribution::Kind::Categorical) {
                for (int c = 0; c < dist.choiceCount(); ++c)
                    s.x.push_back(c);
            } else if (dist.kind() == Distribution::Kind::Fixed) {
                s.x.push_back(s.pointX);
            } else {
                for (int k = 0; k < points; ++k) {
                    const double v = dist.snap(dist.fromUnit(static_cast<double>(k) / (points - 1)));
                    if (s.x.empty() || v != s.x.back())
                        s.x.push_back(v);
                }
            }
            Eigen::MatrixXd x(static_cast<Eigen::Index>(g.dims.size()), static_cast<Eigen::Index>(s.x.size()));
            for (Eigen::Index c = 0; c < x.cols(); ++c) {
                for (std::size_t r = 0; r < g.dims.size(); ++r)
                    x(static_cast<Eigen::Index>(r), c) = sg.point[r];
                x(static_cast<Eigen::Index>(j), c) = s.x[static_cast<std::size_t>(c)];
            }
            Eigen::VectorXd ll, lg;
            logPdf(g.below, g.dims, x, ll);
            logPdf(g.above, g.dims, x, lg);
            for (Eigen::Index c = 0; c < x.cols(); ++c) {
                s.l.push_back(std::exp(ll(c)));
                s.g.push_back(std::exp(lg(c)));
                s.ratio.push_back(ll(c) - lg(c));
            }
            s.belowNumbers = g.belowNumbers;
            s.aboveNumbers = g.aboveNumbers;
            for (Eigen::Index c = 0; c < g.belowObs.cols(); ++c)
                s.belowX.push_back(g.belowObs(static_cast<Eigen::Index>(j), c));
            for (Eigen::Index c = 0; c < g.aboveObs.cols(); ++c)
                s.aboveX.push_back(g.aboveObs(static_cast<Eigen::Index>(j), c));
            out.push_back(std::move(s));
        }
    }
    return out;
}

} // namespace tw
