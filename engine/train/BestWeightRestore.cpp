#include "train/BestWeightRestore.h"

namespace tw {

void BestWeightRestore::onTrainBegin(TrainingState& state)
{
    (void)state;
    m_parameters.resize(0);
    m_buffers.resize(0);
}

EpochAction BestWeightRestore::onEpochEnd(TrainingState& state, const EpochMetrics& epoch)
{
    if (state.result.bestEpoch == epoch.epoch) {
        m_parameters = state.model.parameters();
        m_buffers = state.model.buffers();
    }
    return EpochAction::Continue;
}

void BestWeightRestore::onTrainEnd(TrainingState& state)
{
    TrainResult& result = state.result;
    if (result.bestEpoch <= 0)
        return;
    state.model.parameters() = m_parameters;
    state.model.buffers() = m_buffers;
    result.restoredBest = true;
    result.finalMetrics = result.history[static_cast<size_t>(result.bestEpoch - 1)].values;
}

} // namespace tw
