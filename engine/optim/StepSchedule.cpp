#include "optim/StepSchedule.h"

#include <cmath>
#include <stdexcept>

namespace tw {

StepSchedule::StepSchedule(double baseRate, int stepEpochs, double gamma)
    : m_base(baseRate), m_stepEpochs(stepEpochs), m_gamma(gamma)
{
    if (stepEpochs < 1)
        throw std::invalid_argument("StepSchedule::StepSchedule(): stepEpochs must be >= 1");
    if (!(gamma > 0.0 && gamma <= 1.0))
        throw std::invalid_argument("StepSchedule::StepSchedule(): gamma must be in (0, 1]");
}

double StepSchedule::rate(double epoch) const
{
    return m_base * std::pow(m_gamma, std::floor(epoch / m_stepEpochs));
}

} // namespace tw
