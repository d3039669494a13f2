#include "pruners/PercentilePruner.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace tw {

PercentilePruner::PercentilePruner(double percentile, int nStartupTrials, long long nWarmupSteps,
                                   long long intervalSteps, int nMinTrials)
    : m_percentile(percentile)
    , m_nStartupTrials(nStartupTrials)
    , m_nWarmupSteps(nWarmupSteps)
    , m_intervalSteps(intervalSteps)
    , m_nMinTrials(nMinTrials)
{
    if (!(percentile >= 0.0 && percentile <= 100.0))
        throw std::invalid_argument("PercentilePruner::PercentilePruner(): percentile must be in [0, 100]");
    if (nStartupTrials < 0 || nWarmupSteps < 0)
        throw std::invalid_argument("PercentilePruner::PercentilePruner(): nStartupTrials and nWarmupSteps must be >= 0");
    if (intervalSteps < 1 || nMinTrials < 1)
        throw std::invalid_argument("PercentilePruner::PercentilePruner(): intervalSteps and nMinTrials must be >= 1");
}

double PercentilePruner::nanPercentile(std::vector<double> values, double percentile)
{
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }),
                 values.end());
    if (values.empty())
        return std::numeric_limits<double>::quiet_NaN();
    std::sort(values.begin(), values.end());
    const double h = (static_cast<double>(values.size()) - 1.0) * percentile / 100.0;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    if (lo + 1 >= values.size())
        return values.back();
    const double a = values[lo], b = values[lo + 1];
    if (a == b)
        return a;  // also keeps inf == inf from becoming NaN
    return a + (h - static_cast<double>(lo)) * (b - a);
}

bool PercentilePruner::shouldPrune(const StudyView& study, const FrozenTrial& trial) const
{
    const auto lastStep = trial.lastStep();
    if (!lastStep)
        return false;
    const long long step = *lastStep;

    int completed = 0;
    for (const FrozenTrial& t : study.trials())
        completed += t.state == TrialState::Complete ? 1 : 0;
    if (completed == 0 || completed < m_nStartupTrials)
        return false;
    if (step < m_nWarmupSteps)
        return false;
    // Decide once per interval: only at the first report at or past an interval boundary.
    const long long boundary = (step - m_nWarmupSteps) / m_intervalSteps * m_intervalSteps + m_nWarmupSteps;
    long long secondLast = -1;
    for (const auto& [s, v] : trial.intermediate)
        if (s != step)
            secondLast = std::max(secondLast, static_cast<long long>(s));
    if (secondLast >= boundary)
        return false;

    const bool maximize = study.direction() == StudyDirection::Maximize;
    double best = std::numeric_limits<double>::quiet_NaN();
    for (const auto& [s, v] : trial.intermediate) {
        if (std::isnan(v))
            continue;
        if (std::isnan(best) || (maximize ? v > best : v < best))
            best = v;
    }
    if (std::isnan(best))
        return true;

    std::vector<double> atStep;
    for (const FrozenTrial& t : study.trials()) {
        if (t.state != TrialState::Complete)
            continue;
        if (auto it = t.intermediate.find(step); it != t.intermediate.end())
            atStep.push_back(it->second);
    }
    if (static_cast<int>(atStep.size()) < m_nMinTrials)
        return false;
    const double p = nanPercentile(std::move(atStep), maximize ? 100.0 - m_percentile : m_percentile);
    if (std::isnan(p))
        return false;
    return maximize ? best < p : best > p;
}

} // namespace tw
