#include "functions/Branin.h"

#include <cmath>
#include <numbers>

namespace tw {

Branin::Branin()
    : TestFunction({-5.0, 0.0}, {10.0, 15.0})
{
}

double Branin::evaluate(const std::vector<double>& x) const
{
    checkDim(x);
    constexpr double pi = std::numbers::pi;
    const double b = 5.1 / (4.0 * pi * pi), c = 5.0 / pi, r = 6.0, s = 10.0, t = 1.0 / (8.0 * pi);
    const double u = x[1] - b * x[0] * x[0] + c * x[0] - r;
    return u * u + s * (1.0 - t) * std::cos(x[0]) + s;
}

double Branin::optimumValue() const
{
    return 0.39788735772973816;  // 5 / (4 pi)
}

std::vector<std::vector<double>> Branin::optimumLocations() const
{
    constexpr double pi = std::numbers::pi;
    return {{-pi, 12.275}, {pi, 2.275}, {3.0 * pi, 2.475}};
}

} // namespace tw
