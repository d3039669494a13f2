#pragma once
#include "pruners/SuccessiveHalvingPruner.h"

#include <vector>

namespace tw {

// Hyperband (Li et al. 2018) as Optuna 3.1 runs it: several successive-halving brackets,
// bracket i with min_early_stopping_rate i, each trial judged only against the trials of
// its own bracket. Trials are spread over the brackets in proportion to Hyperband's
// budgets, ceil(n * r^s / (s + 1)), by a hash of the trial number alone, so every
// process, and a resumed study, assigns the same bracket.
class HyperbandPruner : public Pruner {
public:
    HyperbandPruner(long long minResource, long long maxResource, int reductionFactor = 3,
                    int bootstrapCount = 0);
    bool shouldPrune(const StudyView& study, const FrozenTrial& trial) const override;

    int bracketCount() const { return static_cast<int>(m_brackets.size()); }
    int bracketOf(int trialNumber) const;
    const SuccessiveHalvingPruner& bracket(int index) const { return m_brackets[std::size_t(index)]; }
    long long bracketBudget(int index) const { return m_budgets[std::size_t(index)]; }

private:
    std::vector<SuccessiveHalvingPruner> m_brackets;
    std::vector<long long> m_budgets;
    long long m_totalBudget = 0;
};

} // namespace tw
