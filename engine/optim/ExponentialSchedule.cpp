#include "optim/ExponentialSchedule.h"

#include <cmath>
#include <stdexcept>

namespace tw {

ExponentialSchedule::ExponentialSchedule(double baseRate, double gamma) : m_base(baseRate), m_gamma(gamma)
{
    if (!(gamma > 0.0 && gamma <= 1.0))
        throw std::invalid_argument("ExponentialSchedule::ExponentialSchedule(): gamma must be in (0, 1]");
}

double ExponentialSchedule::rate(double epoch) const
{
    return m_base * std::pow(m_gamma, std::floor(epoch));
}

} // namespace tw
