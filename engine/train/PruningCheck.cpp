#include "train/PruningCheck.h"

namespace tw {

EpochAction PruningCheck::onEpochEnd(TrainingState& state, const EpochMetrics& epoch)
{
    (void)state;
    const std::int64_t step = m_stepOffset + epoch.epoch;
    if (m_report && m_report(step, epoch.value(m_metric))) {
        m_prunedAt = step;
        return EpochAction::Stop;
    }
    return EpochAction::Continue;
}

} // namespace tw
