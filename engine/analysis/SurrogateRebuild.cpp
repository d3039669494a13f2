#include "analysis/SurrogateRebuild.h"

#include "samplers/LogExpectedImprovement.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <unordered_map>

namespace tw {

SurrogateRebuild::SurrogateRebuild(GPSnapshot snapshot, const std::vector<FrozenTrial>& trials)
    : m_snapshot(std::move(snapshot))
{
    std::unordered_map<int, const FrozenTrial*> byNumber;
    for (const auto& t : trials)
        byNumber[t.number] = &t;
    auto find = [&](int number, const char* role) -> const FrozenTrial& {
        auto it = byNumber.find(number);
        if (it == byNumber.end())
            throw std::invalid_argument("the snapshot's " + std::string(role) + " trial " +
                                        std::to_string(number) + " is not in the study");
        return *it->second;
    };
    if (m_snapshot.fittedOn.empty())
        throw std::invalid_argument("the snapshot lists no fitted trials");
    // Distributions from the first fitted trial (all fitted trials share them: the GP
    // models the intersection search space).
    const FrozenTrial& first = find(m_snapshot.fittedOn.front(), "fitted");
    for (const auto& name : m_snapshot.params) {
        auto it = first.distributions.find(name);
        if (it == first.distributions.end())
            throw std::invalid_argument("fitted trial " + std::to_string(first.number) +
                                        " has no parameter \"" + name + "\"");
        Param p;
        p.name = name;
        p.dist = it->second;
        p.categorical = !p.dist.isNumeric();
        p.width = p.categorical ? std::max(1, p.dist.choiceCount()) : 1;
        p.offset = m_width;
        m_width += p.width;
        m_params.push_back(std::move(p));
    }
    if (static_cast<int>(m_snapshot.logLengthscales.size()) != m_width)
        throw std::invalid_argument("the snapshot has " +
                                    std::to_string(m_snapshot.logLengthscales.size()) +
                                    " lengthscales for " + std::to_string(m_width) + " inputs");
    if (static_cast<int>(m_snapshot.point.size()) != m_width)
        throw std::invalid_argument("the snapshot's point has " +
                                    std::to_string(m_snapshot.point.size()) + " coordinates, expected " +
                                    std::to_string(m_width));
    const int n = static_cast<int>(m_snapshot.fittedOn.size());
    const int total = n + static_cast<int>(m_snapshot.pending.size());
    Eigen::MatrixXd X(m_width, total);
    Eigen::VectorXd y(total);
    auto paramsOf = [&](const FrozenTrial& t) {
        for (const auto& p : m_params)
            if (!t.params.count(p.name))
                throw std::invalid_argument("trial " + std::to_string(t.number) +
                                            " has no value for \"" + p.name + "\"");
        return encode(t.params);
    };
    for (int i = 0; i < n; ++i) {
        const FrozenTrial& t = find(m_snapshot.fittedOn[i], "fitted");
        if (!t.value)
            throw std::invalid_argument("fitted trial " + std::to_string(t.number) + " has no value");
        X.col(i) = paramsOf(t);
        y[i] = m_snapshot.transformTarget(*t.value);
        m_observed.push_back({t.number, t.params, t.value, y[i], false});
    }
    for (int i = 0; i < static_cast<int>(m_snapshot.pending.size()); ++i) {
        const auto& p = m_snapshot.pending[i];
        const FrozenTrial& t = find(p.number, "pending");
        X.col(n + i) = paramsOf(t);
        y[n + i] = p.target;
        m_observed.push_back({t.number, t.params, std::nullopt, p.target, true});
    }
    GPHyperparameters h;
    h.logLengthscales = toEigen(m_snapshot.logLengthscales);
    h.logSignalVariance = m_snapshot.logSignalVariance;
    h.logNoiseVariance = m_snapshot.logNoiseVariance;
    m_gp.emplace(h);
    m_gp->setInputs(X);
    m_gp->setTargets(y);
}

Eigen::VectorXd SurrogateRebuild::toEigen(const std::vector<double>& x)
{
    return Eigen::Map<const Eigen::VectorXd>(x.data(), static_cast<Eigen::Index>(x.size()));
}

void SurrogateRebuild::encodeValue(const Param& p, double value, Eigen::VectorXd& x) const
{
    if (p.categorical) {
        x.segment(p.offset, p.width).setZero();
        x[p.offset + std::clamp(static_cast<int>(std::lround(value)), 0, p.width - 1)] = 1.0;
    } else {
        x[p.offset] = std::clamp(p.dist.toUnit(value), 0.0, 1.0);
    }
}

Eigen::VectorXd SurrogateRebuild::encode(const ParamValues& values) const
{
    Eigen::VectorXd x(m_width);
    for (const auto& p : m_params)
        encodeValue(p, values.at(p.name), x);
    return x;
}

ParamValues SurrogateRebuild::decode(const Eigen::VectorXd& x) const
{
    ParamValues out;
    for (const auto& p : m_params) {
        if (p.categorical) {
            Eigen::Index index = 0;
            x.segment(p.offset, p.width).maxCoeff(&index);
            out[p.name] = static_cast<double>(index);
        } else {
            out[p.name] = p.dist.fromUnit(x[p.offset]);
        }
    }
    return out;
}

std::map<std::string, Distribution> SurrogateRebuild::distributions() const
{
    std::map<std::string, Distribution> out;
    for (const auto& p : m_params)
        out.emplace(p.name, p.dist);
    return out;
}

bool SurrogateRebuild::inBox(const Eigen::VectorXd& x, double tolerance) const
{
    const auto& lo = m_snapshot.boxLow;
    const auto& hi = m_snapshot.boxHigh;
    if (lo.empty())
        return true;
    for (Eigen::Index i = 0; i < x.size() && i < static_cast<Eigen::Index>(lo.size()); ++i)
        if (x[i] < lo[static_cast<std::size_t>(i)] - tolerance || x[i] > hi[static_cast<std::size_t>(i)] + tolerance)
            return false;
    return true;
}

Eigen::VectorXd SurrogateRebuild::point() const
{
    return toEigen(m_snapshot.point);
}

GaussianProcess::Prediction SurrogateRebuild::predict(const Eigen::VectorXd& x) const
{
    return m_gp->predict(x);
}

double SurrogateRebuild::acquisition(const Eigen::VectorXd& x) const
{
    const auto p = m_gp->predict(x);
    const double floor = m_snapshot.minVarianceRatio * std::exp(m_snapshot.logSignalVariance);
    return LogExpectedImprovement::value(p.mean, std::sqrt(std::max(p.variance, floor)), m_snapshot.best);
}

std::vector<SurrogateSlice> SurrogateRebuild::slices(int points) const
{
    points = std::max(points, 2);
    const Eigen::VectorXd base = point();
    const ParamValues at = decode(base);
    std::vector<SurrogateSlice> out;
    for (const auto& p : m_params) {
        SurrogateSlice s;
        s.param = p.name;
        s.distribution = p.dist;
        s.pointX = at.at(p.name);
        if (!p.categorical && static_cast<int>(m_snapshot.boxLow.size()) == m_width)
            s.region = std::make_pair(p.dist.fromUnit(m_snapshot.boxLow[static_cast<std::size_t>(p.offset)]),
                                      p.dist.fromUnit(m_snapshot.boxHigh[static_cast<std::size_t>(p.offset)]));
        std::vector<double> values;
        if (p.categorical) {
            for (int c = 0; c < p.width; ++c)
                values.push_back(c);
        } else {
            for (int i = 0; i < points; ++i) {
                const double v = p.dist.fromUnit(static_cast<double>(i) / (points - 1));
                if (values.empty() || v != values.back())
                    values.push_back(v);
            }
        }
        for (double v : values) {
            Eigen::VectorXd x = base;
            encodeValue(p, v, x);
            const auto pred = m_gp->predict(x);
            s.x.push_back(v);
            s.mean.push_back(pred.mean);
            s.std.push_back(std::sqrt(std::max(pred.variance, 0.0)));
            s.acquisition.push_back(acquisition(x));
        }
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace tw
