#include "functions/Griewank.h"

#include <cmath>
#include <stdexcept>

namespace tw {

Griewank::Griewank(int dim)
    : TestFunction(std::vector<double>(std::size_t(dim < 1 ? 1 : dim), -50.0),
                   std::vector<double>(std::size_t(dim < 1 ? 1 : dim), 50.0))
{
    if (dim < 1)
        throw std::invalid_argument("Griewank::Griewank(): dim must be >= 1, got " + std::to_string(dim));
}

double Griewank::evaluate(const std::vector<double>& x) const
{
    checkDim(x);
    double squares = 0.0, product = 1.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        squares += x[i] * x[i];
        product *= std::cos(x[i] / std::sqrt(static_cast<double>(i + 1)));
    }
    return 1.0 + squares / 4000.0 - product;
}

double Griewank::optimumValue() const
{
    return 0.0;
}

std::vector<std::vector<double>> Griewank::optimumLocations() const
{
    return {std::vector<double>(std::size_t(dim()), 0.0)};
}

} // namespace tw
