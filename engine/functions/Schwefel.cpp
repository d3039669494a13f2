#include "functions/Schwefel.h"

#include <cmath>
#include <stdexcept>

namespace tw {

Schwefel::Schwefel(int dim)
    : TestFunction(std::vector<double>(std::size_t(dim < 1 ? 1 : dim), -500.0),
                   std::vector<double>(std::size_t(dim < 1 ? 1 : dim), 500.0))
{
    if (dim < 1)
        throw std::invalid_argument("Schwefel::Schwefel(): dim must be >= 1, got " + std::to_string(dim));
}

double Schwefel::evaluate(const std::vector<double>& x) const
{
    checkDim(x);
    double sum = 418.9828872724338 * static_cast<double>(x.size());
    for (double v : x)
        sum -= v * std::sin(std::sqrt(std::abs(v)));
    return sum;
}

double Schwefel::optimumValue() const
{
    return 0.0;
}

std::vector<std::vector<double>> Schwefel::optimumLocations() const
{
    return {std::vector<double>(std::size_t(dim()), 420.968746)};
}

} // namespace tw
