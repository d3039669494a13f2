#include "samplers/LogExpectedImprovement.h"

#include <cmath>
#include <limits>
#include <numbers>

namespace tw {

namespace {

constexpr double kTail = -3.0;
const double kLogSqrt2Pi = 0.5 * std::log(2.0 * std::numbers::pi);

double normalCdf(double z)
{
    return 0.5 * std::erfc(-z / std::numbers::sqrt2);
}

double normalPdf(double z)
{
    return std::exp(-0.5 * z * z - kLogSqrt2Pi);
}

// c(t) = 1 / (t + 2 / (t + 3 / (t + ...))), t >= 3, by the modified Lentz method.
double millsTail(double t)
{
    constexpr double tiny = 1e-300;
    // Continued fraction b0 + a1/(b1 + a2/(b2 + ...)) with b_k = t, a_1 = 1, a_k = k.
    double f = t, c = t, d = 0.0;
    for (int k = 2; k < 500; ++k) {
        const double a = static_cast<double>(k);
        d = t + a * d;
        if (std::abs(d) < tiny)
            d = tiny;
        c = t + a / c;
        if (std::abs(c) < tiny)
            c = tiny;
        d = 1.0 / d;
        const double delta = c * d;
        f *= delta;
        if (std::abs(delta - 1.0) < 1e-16)
            break;
    }
    return 1.0 / f;
}

} // namespace

double LogExpectedImprovement::logH(double z)
{
    if (std::isnan(z))
        return z;
    if (z > kTail)
        return std::log(normalPdf(z) + z * normalCdf(z));
    const double t = -z;
    if (std::isinf(t))
        return -std::numeric_limits<double>::infinity();
    const double c = millsTail(t);
    return -0.5 * t * t - kLogSqrt2Pi + std::log(c) - std::log(t + c);
}

double LogExpectedImprovement::logHDerivative(double z)
{
    if (z > kTail)
        return normalCdf(z) / (normalPdf(z) + z * normalCdf(z));
    return 1.0 / millsTail(-z);
}

double LogExpectedImprovement::value(double mean, double sd, double best)
{
    return logH((best - mean) / sd) + std::log(sd);
}

} // namespace tw
