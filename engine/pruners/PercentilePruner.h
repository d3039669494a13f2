#pragma once
#include "pruners/Pruner.h"

#include <vector>

namespace tw {

// Prunes a trial whose best intermediate value so far is worse than the given percentile
// of the Complete trials' values at the same step (after Optuna 3.1's PercentilePruner,
// same rules: startup trials, warm-up steps, one decision per interval, NaN-aware).
// For a maximized study the percentile is taken from the top: 25 keeps the best quarter.
class PercentilePruner : public Pruner {
public:
    explicit PercentilePruner(double percentile, int nStartupTrials = 5, long long nWarmupSteps = 0,
                              long long intervalSteps = 1, int nMinTrials = 1);
    bool shouldPrune(const StudyView& study, const FrozenTrial& trial) const override;

    // numpy's nanpercentile with linear interpolation; NaN when no finite-or-inf value.
    static double nanPercentile(std::vector<double> values, double percentile);

private:
    double m_percentile;
    int m_nStartupTrials;
    long long m_nWarmupSteps;
    long long m_intervalSteps;
    int m_nMinTrials;
};

} // namespace tw
