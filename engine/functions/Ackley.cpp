#include "functions/Ackley.h"

#include <cmath>
#include <numbers>
#include <stdexcept>

namespace tw {

Ackley::Ackley(int dim)
    : TestFunction(std::vector<double>(std::size_t(dim < 1 ? 1 : dim), -32.768),
                   std::vector<double>(std::size_t(dim < 1 ? 1 : dim), 32.768))
{
    if (dim < 1)
        throw std::invalid_argument("Ackley::Ackley(): dim must be >= 1, got " + std::to_string(dim));
}

double Ackley::evaluate(const std::vector<double>& x) const
{
    checkDim(x);
    double squares = 0.0, cosines = 0.0;
    for (double v : x) {
        squares += v * v;
        cosines += std::cos(2.0 * std::numbers::pi * v);
    }
    const double n = static_cast<double>(x.size());
    return -20.0 * std::exp(-0.2 * std::sqrt(squares / n)) - std::exp(cosines / n) + 20.0 + std::numbers::e;
}

double Ackley::optimumValue() const
{
    return 0.0;
}

std::vector<std::vector<double>> Ackley::optimumLocations() const
{
    return {std::vector<double>(std::size_t(dim()), 0.0)};
}

} // namespace tw
