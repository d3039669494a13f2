#pragma once
#include "ml/Model.h"
#include "train/EpochMetrics.h"
#include "train/TrainResult.h"
#include "train/TrainerConfig.h"

#include <string>

namespace tw {

enum class EpochAction { Continue, Stop };

// What a callback sees of the run it is attached to.
struct TrainingState {
    const TrainerConfig& config;
    Model& model;
    TrainResult& result;  // history so far (the epoch just ended is its last entry), monitor, bestEpoch
    bool hasValidation = false;
    // A callback sets it to fail the run with this reason; later callbacks are not called.
    std::string failure;
};

// A hook on the one training loop (TrainingRun), as ensmallen's callbacks
// (EarlyStopAtMinLoss, StoreBestCoordinates) and Keras' are: early stopping, best-weight
// restore, pruning checks and curve recording are callbacks, so every model's training
// reuses them. Called on train()'s thread. A callback given to a Trainer sees each of its
// train() calls: onTrainBegin() starts a run.
class TrainingCallback {
public:
    virtual ~TrainingCallback() = default;

    virtual void onTrainBegin(TrainingState& state) { (void)state; }
    // After each complete epoch. Every callback is called for every epoch, in order; the run
    // ends after the epoch when one answers Stop (or sets state.failure: at once).
    virtual EpochAction onEpochEnd(TrainingState& state, const EpochMetrics& epoch) = 0;
    // Once when the run ends without failing: completed, stopped or cancelled
    // (state.result.status says which). Not called after a failure.
    virtual void onTrainEnd(TrainingState& state) { (void)state; }
    // How a Stop from this callback ends the run: Stopped (pruning, a stop button), or
    // Completed (early stopping: the run is done, result.stoppedEarly says why).
    virtual TrainStatus stopStatus() const { return TrainStatus::Stopped; }
};

} // namespace tw
