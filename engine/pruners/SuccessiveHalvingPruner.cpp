#include "pruners/SuccessiveHalvingPruner.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace tw {

namespace {

// The first reported step >= `step`, or nullopt.
std::optional<std::int64_t> firstStepFrom(const FrozenTrial& t, long long step)
{
    auto it = t.intermediate.lower_bound(step);
    if (it == t.intermediate.end())
        return std::nullopt;
    return it->first;
}

} // namespace

SuccessiveHalvingPruner::SuccessiveHalvingPruner(long long minResource, int reductionFactor,
                                                 int minEarlyStoppingRate, int bootstrapCount)
    : m_minResource(minResource)
    , m_reductionFactor(reductionFactor)
    , m_minEarlyStoppingRate(minEarlyStoppingRate)
    , m_bootstrapCount(bootstrapCount)
{
    if (minResource < 1)
        throw std::invalid_argument("SuccessiveHalvingPruner::SuccessiveHalvingPruner(): minResource must be >= 1");
    if (reductionFactor < 2)
        throw std::invalid_argument("SuccessiveHalvingPruner::SuccessiveHalvingPruner(): reductionFactor must be >= 2");
    if (minEarlyStoppingRate < 0 || bootstrapCount < 0)
        throw std::invalid_argument(
            "SuccessiveHalvingPruner::SuccessiveHalvingPruner(): minEarlyStoppingRate and bootstrapCount must be >= 0");
}

long long SuccessiveHalvingPruner::rungStep(int rung) const
{
    long long step = m_minResource;
    for (int i = 0; i < m_minEarlyStoppingRate + rung; ++i) {
        if (step > std::numeric_limits<long long>::max() / m_reductionFactor)
            return std::numeric_limits<long long>::max();
        step *= m_reductionFactor;
    }
    return step;
}

std::optional<double> SuccessiveHalvingPruner::rungValue(const FrozenTrial& t, int rung) const
{
    const auto first = firstStepFrom(t, rungStep(rung));
    if (!first)
        return std::nullopt;
    const double value = t.intermediate.at(*first);
    if (std::isnan(value))
        return std::nullopt;
    if (t.state == TrialState::Pruned && *first == *t.lastStep()) {
        // Among the rungs first reached at the pruning report, only the lowest holds it.
        for (int lower = rung - 1; lower >= 0; --lower) {
            const auto f = firstStepFrom(t, rungStep(lower));
            if (f && *f == *first)
                return std::nullopt;
            if (!f || *f != *first)
                break;
        }
    }
    return value;
}

bool SuccessiveHalvingPruner::shouldPrune(const StudyView& study, const FrozenTrial& trial) const
{
    return shouldPrune(study, trial, [](const FrozenTrial&) { return true; });
}

bool SuccessiveHalvingPruner::shouldPrune(const StudyView& study, const FrozenTrial& trial,
                                          const std::function<bool(const FrozenTrial&)>& peer) const
{
    const auto last = trial.lastStep();
    if (!last)
        return false;
    const double value = trial.intermediate.at(*last);
    const bool maximize = study.direction() == StudyDirection::Maximize;

    // Rungs first reached by this report, lowest first; earlier rungs were passed already.
    for (int rung = 0;; ++rung) {
        const long long step = rungStep(rung);
        if (step > *last)
            return false;
        const auto first = firstStepFrom(trial, step);
        if (!first || *first != *last)
            continue;
        if (std::isnan(value))
            return true;
        std::vector<double> competing;
        for (const FrozenTrial& other : study.trials()) {
            if (other.id == trial.id || !peer(other))
                continue;
            if (auto v = rungValue(other, rung))
                competing.push_back(*v);
        }
        competing.push_back(value);
        if (static_cast<int>(competing.size()) <= m_bootstrapCount)
            return true;
        std::sort(competing.begin(), competing.end());
        long long index = static_cast<long long>(competing.size()) / m_reductionFactor - 1;
        index = std::max(0LL, index);
        const bool promotable = maximize ? value >= competing[competing.size() - 1 - std::size_t(index)]
                                         : value <= competing[std::size_t(index)];
        if (!promotable)
            return true;
    }
}

} // namespace tw
