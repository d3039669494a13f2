#include "functions/Rastrigin.h"

#include <cmath>
#include <numbers>
#include <stdexcept>

namespace tw {

Rastrigin::Rastrigin(int dim)
    : TestFunction(std::vector<double>(std::size_t(dim < 1 ? 1 : dim), -5.12),
                   std::vector<double>(std::size_t(dim < 1 ? 1 : dim), 5.12))
{
    if (dim < 1)
        throw std::invalid_argument("Rastrigin::Rastrigin(): dim must be >= 1, got " + std::to_string(dim));
}

double Rastrigin::evaluate(const std::vector<double>& x) const
{
    checkDim(x);
    double sum = 10.0 * static_cast<double>(x.size());
    for (double v : x)
        sum += v * v - 10.0 * std::cos(2.0 * std::numbers::pi * v);
    return sum;
}

double Rastrigin::optimumValue() const
{
    return 0.0;
}

std::vector<std::vector<double>> Rastrigin::optimumLocations() const
{
    return {std::vector<double>(std::size_t(dim()), 0.0)};
}

} // namespace tw
