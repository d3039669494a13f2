#pragma once
#include "pruners/PercentilePruner.h"

namespace tw {

// The 50th percentile pruner (Optuna's MedianPruner, same defaults).
class MedianPruner : public PercentilePruner {
public:
    explicit MedianPruner(int nStartupTrials = 5, long long nWarmupSteps = 0, long long intervalSteps = 1,
                          int nMinTrials = 1)
        : PercentilePruner(50.0, nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials)
    {
    }
};

} // namespace tw
