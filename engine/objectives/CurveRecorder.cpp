#include "objectives/CurveRecorder.h"

namespace tw {

EpochAction CurveRecorder::onEpochEnd(TrainingState& state, const EpochMetrics& epoch)
{
    (void)state;
    TrainEpochRecord rec;
    rec.fold = m_fold;
    rec.epoch = epoch.epoch;
    rec.step = static_cast<std::int64_t>(m_fold) * m_epochsPerFold + epoch.epoch;
    rec.value = epoch.value(m_metric);
    rec.metrics = epoch.values;
    rec.learningRate = epoch.learningRate;
    rec.seconds = epoch.seconds;
    m_into.push_back(rec);
    if (m_sink)
        m_sink(m_into.back());
    return EpochAction::Continue;
}

} // namespace tw
