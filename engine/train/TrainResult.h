#pragma once
#include "train/EpochMetrics.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tw {

enum class TrainStatus {
    Completed,  // all epochs ran, or early stopping ended the run
    Stopped,    // the epoch callback answered Stop (pruning)
    Cancelled,  // the stop token was triggered
    Failed      // divergence (NaN or infinite loss or gradient) or unusable input; see reason
};

struct TrainResult {
    TrainStatus status = TrainStatus::Completed;
    // Failed: what happened and when ("loss became NaN at epoch 7"); Stopped and
    // Cancelled: when; empty when Completed.
    std::string reason;
    int epochsRun = 0;        // complete epochs
    bool stoppedEarly = false;
    int bestEpoch = 0;        // epoch with the best monitored value (0: none)
    std::string monitor;      // the metric early stopping and bestEpoch refer to
    bool restoredBest = false;  // the model now holds bestEpoch's weights
    std::vector<EpochMetrics> history;
    // The metrics of the weights the model holds at the end: the best epoch's when they
    // were restored, else the last complete epoch's; with epochs = 0, the initial
    // weights' scores. Empty when Failed.
    std::map<std::string, double> finalMetrics;
    double seconds = 0.0;
    std::int64_t samplesTrained = 0;  // training samples processed (forward and backward)

    bool ok() const { return status != TrainStatus::Failed; }
};

} // namespace tw
