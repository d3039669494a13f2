#pragma once
#include "train/TrainingCallback.h"

namespace tw {

// Tracks the best epoch of result.monitor (result.bestEpoch, always) and, with
// patience > 0, stops the run after `patience` epochs without an improvement of more than
// minDelta (result.stoppedEarly), as ensmallen's EarlyStopAtMinLoss and Keras'
// EarlyStopping. With patience > 0, a monitor that is not a metric of the run fails it.
class EarlyStopping final : public TrainingCallback {
public:
    explicit EarlyStopping(EarlyStoppingConfig config) : m_config(std::move(config)) {}

    void onTrainBegin(TrainingState& state) override;
    EpochAction onEpochEnd(TrainingState& state, const EpochMetrics& epoch) override;
    void onTrainEnd(TrainingState& state) override;
    TrainStatus stopStatus() const override { return TrainStatus::Completed; }

    // Whether `metric` is minimised: names ending in loss, rmse or mae.
    static bool minimized(const std::string& metric);

private:
    EarlyStoppingConfig m_config;
    bool m_minimize = true;
    double m_best = 0.0;
    int m_sinceBest = 0;
    bool m_stopped = false;
};

} // namespace tw
