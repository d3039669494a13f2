#include "train/EarlyStopping.h"

#include <cmath>
#include <cstring>

namespace tw {

bool EarlyStopping::minimized(const std::string& metric)
{
    for (const char* suffix : {"loss", "rmse", "mae"}) {
        const size_t len = std::strlen(suffix);
        if (metric.size() >= len && metric.compare(metric.size() - len, len, suffix) == 0)
            return true;
    }
    return false;
}

void EarlyStopping::onTrainBegin(TrainingState& state)
{
    state.result.monitor = !m_config.monitor.empty() ? m_config.monitor
                         : state.hasValidation       ? "val_loss"
                                                     : "train_loss";
    m_minimize = minimized(state.result.monitor);
    m_best = 0.0;
    m_sinceBest = 0;
    m_stopped = false;
}

EpochAction EarlyStopping::onEpochEnd(TrainingState& state, const EpochMetrics& epoch)
{
    TrainResult& result = state.result;
    const auto monitored = epoch.values.find(result.monitor);
    if (monitored == epoch.values.end()) {
        if (m_config.patience > 0) {
            std::string have;
            for (const auto& [name, value] : epoch.values)
                have += (have.empty() ? "" : ", ") + name;
            state.failure = "earlyStopping.monitor: \"" + result.monitor + "\" is not a metric of this run (have "
                          + have + ")";
        }
    } else {
        const double v = monitored->second;
        const bool improved =
            std::isfinite(v)
            && (result.bestEpoch == 0 || (m_minimize ? v < m_best - m_config.minDelta : v > m_best + m_config.minDelta));
        if (improved) {
            m_best = v;
            result.bestEpoch = epoch.epoch;
            m_sinceBest = 0;
        } else {
            ++m_sinceBest;
        }
    }
    if (m_config.patience > 0 && m_sinceBest >= m_config.patience && epoch.epoch < state.config.epochs) {
        m_stopped = true;
        return EpochAction::Stop;
    }
    return EpochAction::Continue;
}

void EarlyStopping::onTrainEnd(TrainingState& state)
{
    // Another callback's stop in the same epoch (pruning) names the run's end instead.
    if (m_stopped && state.result.status == TrainStatus::Completed)
        state.result.stoppedEarly = true;
}

} // namespace tw
