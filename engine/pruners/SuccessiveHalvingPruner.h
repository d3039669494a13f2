#pragma once
#include "pruners/Pruner.h"

#include <functional>
#include <optional>

namespace tw {

// Asynchronous successive halving, ASHA (Li et al. 2020, "A System for Massively
// Parallel Hyperparameter Tuning"), with Optuna 3.1's promotion rule.
//
// Rung k sits at step min_resource * reduction_factor^(min_early_stopping_rate + k).
// A trial that reports a step at or past a rung's step for the first time stands in that
// rung with the value of that report, and is promoted (not pruned) if that value is in
// the top 1/reduction_factor of the rung (the best value always is, so the first trial to
// reach a rung goes on). Rungs are derived from the stored intermediate values, not kept
// as attributes, so a resumed study, or another process, prunes the same way:
//  - a trial's rung value is its value at its first reported step >= the rung's step;
//  - a Pruned trial stands in the rungs it reached before its last report, and, of the
//    rungs first reached at its last report, only in the lowest (where it was stopped);
//  - NaN values never stand in a rung (a NaN prunes at once).
// Decisions assume that shouldPrune is asked after every report, as StudyLoop does.
class SuccessiveHalvingPruner : public Pruner {
public:
    explicit SuccessiveHalvingPruner(long long minResource = 1, int reductionFactor = 4,
                                     int minEarlyStoppingRate = 0, int bootstrapCount = 0);
    bool shouldPrune(const StudyView& study, const FrozenTrial& trial) const override;
    // The same decision against the trials that `peer` accepts (Hyperband's brackets).
    bool shouldPrune(const StudyView& study, const FrozenTrial& trial,
                     const std::function<bool(const FrozenTrial&)>& peer) const;

    long long rungStep(int rung) const;
    // The trial's value in a rung as the rules above define it, or nullopt.
    std::optional<double> rungValue(const FrozenTrial& trial, int rung) const;

private:
    long long m_minResource;
    int m_reductionFactor;
    int m_minEarlyStoppingRate;
    int m_bootstrapCount;
};

} // namespace tw
