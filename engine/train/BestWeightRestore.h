#pragma once
#include "train/TrainingCallback.h"

#include <Eigen/Core>

namespace tw {

// Keeps a copy of the weights (and batch-norm buffers) of the best epoch so far
// (result.bestEpoch, from EarlyStopping, which runs before it) and puts them back in the
// model when the run ends, also when it is stopped or cancelled (result.restoredBest), as
// ensmallen's StoreBestCoordinates and Keras' restore_best_weights.
class BestWeightRestore final : public TrainingCallback {
public:
    void onTrainBegin(TrainingState& state) override;
    EpochAction onEpochEnd(TrainingState& state, const EpochMetrics& epoch) override;
    void onTrainEnd(TrainingState& state) override;

private:
    Eigen::VectorXf m_parameters;
    Eigen::VectorXf m_buffers;
};

} // namespace tw
