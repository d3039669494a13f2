#include "functions/Levy.h"

#include <cmath>
#include <numbers>
#include <stdexcept>

namespace tw {

Levy::Levy(int dim)
    : TestFunction(std::vector<double>(std::size_t(dim < 1 ? 1 : dim), -10.0),
                   std::vector<double>(std::size_t(dim < 1 ? 1 : dim), 10.0))
{
    if (dim < 1)
        throw std::invalid_argument("Levy::Levy(): dim must be >= 1, got " + std::to_string(dim));
}

double Levy::evaluate(const std::vector<double>& x) const
{
    checkDim(x);
    constexpr double pi = std::numbers::pi;
    auto w = [&x](std::size_t i) { return 1.0 + (x[i] - 1.0) / 4.0; };
    const std::size_t d = x.size();
    const double s0 = std::sin(pi * w(0));
    double sum = s0 * s0;
    for (std::size_t i = 0; i + 1 < d; ++i) {
        const double wi = w(i), s = std::sin(pi * wi + 1.0);
        sum += (wi - 1.0) * (wi - 1.0) * (1.0 + 10.0 * s * s);
    }
    const double wd = w(d - 1), sd = std::sin(2.0 * pi * wd);
    sum += (wd - 1.0) * (wd - 1.0) * (1.0 + sd * sd);
    return sum;
}

double Levy::optimumValue() const
{
    return 0.0;
}

std::vector<std::vector<double>> Levy::optimumLocations() const
{
    return {std::vector<double>(std::size_t(dim()), 1.0)};
}

} // namespace tw
