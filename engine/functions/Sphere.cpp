#include "functions/Sphere.h"

#include <stdexcept>

namespace tw {

Sphere::Sphere(int dim)
    : TestFunction(std::vector<double>(std::size_t(dim < 1 ? 1 : dim), -5.12),
                   std::vector<double>(std::size_t(dim < 1 ? 1 : dim), 5.12))
{
    if (dim < 1)
        throw std::invalid_argument("Sphere::Sphere(): dim must be >= 1, got " + std::to_string(dim));
}

double Sphere::evaluate(const std::vector<double>& x) const
{
    checkDim(x);
    double sum = 0.0;
    for (double v : x)
        sum += v * v;
    return sum;
}

double Sphere::optimumValue() const
{
    return 0.0;
}

std::vector<std::vector<double>> Sphere::optimumLocations() const
{
    return {std::vector<double>(std::size_t(dim()), 0.0)};
}

} // namespace tw
