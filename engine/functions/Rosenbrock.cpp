#include "functions/Rosenbrock.h"

#include <stdexcept>

namespace tw {

Rosenbrock::Rosenbrock(int dim)
    : TestFunction(std::vector<double>(std::size_t(dim < 2 ? 2 : dim), -5.0),
                   std::vector<double>(std::size_t(dim < 2 ? 2 : dim), 10.0))
{
    if (dim < 2)
        throw std::invalid_argument("Rosenbrock::Rosenbrock(): dim must be >= 2, got " + std::to_string(dim));
}

double Rosenbrock::evaluate(const std::vector<double>& x) const
{
    checkDim(x);
    double sum = 0.0;
    for (std::size_t i = 0; i + 1 < x.size(); ++i) {
        const double a = x[i + 1] - x[i] * x[i], b = x[i] - 1.0;
        sum += 100.0 * a * a + b * b;
    }
    return sum;
}

double Rosenbrock::optimumValue() const
{
    return 0.0;
}

std::vector<std::vector<double>> Rosenbrock::optimumLocations() const
{
    return {std::vector<double>(std::size_t(dim()), 1.0)};
}

} // namespace tw
