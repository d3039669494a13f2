#include "pruners/HyperbandPruner.h"

#include "core/Random.h"

#include <stdexcept>

namespace tw {

HyperbandPruner::HyperbandPruner(long long minResource, long long maxResource, int reductionFactor,
                                 int bootstrapCount)
{
    if (minResource < 1 || maxResource < minResource)
        throw std::invalid_argument("HyperbandPruner::HyperbandPruner(): need 1 <= minResource <= maxResource");
    if (reductionFactor < 2)
        throw std::invalid_argument("HyperbandPruner::HyperbandPruner(): reductionFactor must be >= 2");
    // n = floor(log_r(max / min)) + 1, in integers.
    int n = 1;
    for (long long r = minResource; r <= maxResource / reductionFactor; r *= reductionFactor)
        ++n;
    for (int i = 0; i < n; ++i) {
        m_brackets.emplace_back(minResource, reductionFactor, i, bootstrapCount);
        const int s = n - 1 - i;
        long long power = 1;
        for (int k = 0; k < s; ++k)
            power *= reductionFactor;
        const long long budget = (static_cast<long long>(n) * power + s) / (s + 1);  // ceil
        m_budgets.push_back(budget);
        m_totalBudget += budget;
    }
}

int HyperbandPruner::bracketOf(int trialNumber) const
{
    long long n = static_cast<long long>(Random::mix64(static_cast<std::uint64_t>(trialNumber)) %
                                         static_cast<std::uint64_t>(m_totalBudget));
    for (std::size_t i = 0; i < m_budgets.size(); ++i) {
        n -= m_budgets[i];
        if (n < 0)
            return static_cast<int>(i);
    }
    return static_cast<int>(m_budgets.size()) - 1;
}

bool HyperbandPruner::shouldPrune(const StudyView& study, const FrozenTrial& trial) const
{
    const int b = bracketOf(trial.number);
    return m_brackets[std::size_t(b)].shouldPrune(
        study, trial, [this, b](const FrozenTrial& other) { return bracketOf(other.number) == b; });
}

} // namespace tw
