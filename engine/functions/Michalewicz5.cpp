#include "functions/Michalewicz5.h"

#include <cmath>
#include <numbers>

namespace tw {

Michalewicz5::Michalewicz5()
    : TestFunction(std::vector<double>(5, 0.0), std::vector<double>(5, std::numbers::pi))
{
}

double Michalewicz5::evaluate(const std::vector<double>& x) const
{
    checkDim(x);
    double sum = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double s = std::sin(static_cast<double>(i + 1) * x[i] * x[i] / std::numbers::pi);
        sum -= std::sin(x[i]) * std::pow(s, 20);
    }
    return sum;
}

double Michalewicz5::optimumValue() const
{
    return -4.687658179;
}

std::vector<std::vector<double>> Michalewicz5::optimumLocations() const
{
    // From the literature (as hpo_functions.py): f there is within 1e-4 of f*.
    return {{2.202906, 1.570796, 1.284992, 1.923058, 1.720470}};
}

} // namespace tw
