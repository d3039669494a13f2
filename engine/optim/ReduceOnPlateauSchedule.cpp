#include "optim/ReduceOnPlateauSchedule.h"

#include <algorithm>
#include <stdexcept>

namespace tw {

ReduceOnPlateauSchedule::ReduceOnPlateauSchedule(double baseRate, double factor, int patience,
                                                 double threshold, int cooldown, double minRate)
    : m_rate(baseRate), m_factor(factor), m_patience(patience), m_threshold(threshold),
      m_cooldown(cooldown), m_min(minRate)
{
    if (!(factor > 0.0 && factor < 1.0))
        throw std::invalid_argument("ReduceOnPlateauSchedule::ReduceOnPlateauSchedule(): factor must be in (0, 1)");
    if (patience < 0 || cooldown < 0)
        throw std::invalid_argument("ReduceOnPlateauSchedule::ReduceOnPlateauSchedule(): patience and cooldown must be >= 0");
    if (!(threshold >= 0.0))
        throw std::invalid_argument("ReduceOnPlateauSchedule::ReduceOnPlateauSchedule(): threshold must be >= 0");
}

void ReduceOnPlateauSchedule::epochEnded(double monitoredLoss)
{
    // A NaN never compares better, so it counts as a bad epoch.
    if (monitoredLoss < m_best * (1.0 - m_threshold)) {
        m_best = monitoredLoss;
        m_badEpochs = 0;
    } else {
        ++m_badEpochs;
    }
    if (m_cooldownLeft > 0) {
        --m_cooldownLeft;
        m_badEpochs = 0;
    }
    if (m_badEpochs > m_patience) {
        m_rate = std::max(m_rate * m_factor, m_min);
        m_cooldownLeft = m_cooldown;
        m_badEpochs = 0;
    }
}

} // namespace tw
