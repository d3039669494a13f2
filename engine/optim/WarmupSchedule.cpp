#include "optim/WarmupSchedule.h"

#include <cmath>
#include <stdexcept>

namespace tw {

WarmupSchedule::WarmupSchedule(std::unique_ptr<LearningRateSchedule> inner, double warmupEpochs)
    : m_inner(std::move(inner)), m_warmup(warmupEpochs)
{
    if (!m_inner)
        throw std::invalid_argument("WarmupSchedule::WarmupSchedule(): no schedule to warm up");
    if (!(warmupEpochs > 0.0) || !std::isfinite(warmupEpochs))
        throw std::invalid_argument("WarmupSchedule::WarmupSchedule(): warmupEpochs must be a finite number > 0");
}

double WarmupSchedule::rate(double epoch) const
{
    const double r = m_inner->rate(epoch);
    return epoch < m_warmup ? r * epoch / m_warmup : r;
}

void WarmupSchedule::epochEnded(double monitoredLoss)
{
    m_inner->epochEnded(monitoredLoss);
}

} // namespace tw
