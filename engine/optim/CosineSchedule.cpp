#include "optim/CosineSchedule.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace tw {

CosineSchedule::CosineSchedule(double baseRate, double totalEpochs, double warmupEpochs, double minRate)
    : m_base(baseRate), m_total(totalEpochs), m_warmup(warmupEpochs), m_min(minRate)
{
    if (!(totalEpochs > 0.0))
        throw std::invalid_argument("CosineSchedule::CosineSchedule(): totalEpochs must be > 0");
    if (!(warmupEpochs >= 0.0 && warmupEpochs <= totalEpochs))
        throw std::invalid_argument("CosineSchedule::CosineSchedule(): warmupEpochs must be in [0, totalEpochs]");
    if (!(minRate >= 0.0 && minRate <= baseRate))
        throw std::invalid_argument("CosineSchedule::CosineSchedule(): minRate must be in [0, baseRate]");
}

double CosineSchedule::rate(double epoch) const
{
    if (epoch < m_warmup)
        return m_base * epoch / m_warmup;
    const double span = m_total - m_warmup;
    const double progress = span > 0.0 ? std::clamp((epoch - m_warmup) / span, 0.0, 1.0) : 1.0;
    return m_min + (m_base - m_min) * 0.5 * (1.0 + std::cos(std::numbers::pi * progress));
}

} // namespace tw
