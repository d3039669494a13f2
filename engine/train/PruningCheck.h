#pragma once
#include "train/TrainingCallback.h"

#include <cstdint>
#include <functional>
#include <string>

namespace tw {

// Reports the monitored metric after every epoch (at step stepOffset + epoch: with
// cross-validation, fold x epochs) and stops the run when the answer is to prune, as
// Optuna's pruning callbacks do. prunedAt() is the step it stopped at, or -1.
class PruningCheck final : public TrainingCallback {
public:
    // Answers whether the trial should be pruned at `step` with `value`.
    using Report = std::function<bool(std::int64_t step, double value)>;

    PruningCheck(Report report, std::string metric, std::int64_t stepOffset = 0)
        : m_report(std::move(report)), m_metric(std::move(metric)), m_stepOffset(stepOffset)
    {
    }

    EpochAction onEpochEnd(TrainingState& state, const EpochMetrics& epoch) override;
    std::int64_t prunedAt() const { return m_prunedAt; }

private:
    Report m_report;
    std::string m_metric;
    std::int64_t m_stepOffset;
    std::int64_t m_prunedAt = -1;
};

} // namespace tw
