#include "functions/Hartmann6.h"

#include <cmath>

namespace tw {

namespace {

constexpr double kAlpha[4] = {1.0, 1.2, 3.0, 3.2};
constexpr double kA[4][6] = {{10, 3, 17, 3.5, 1.7, 8},
                             {0.05, 10, 17, 0.1, 8, 14},
                             {3, 3.5, 1.7, 10, 17, 8},
                             {17, 8, 0.05, 10, 0.1, 14}};
constexpr double kP[4][6] = {{1312, 1696, 5569, 124, 8283, 5886},
                             {2329, 4135, 8307, 3736, 1004, 9991},
                             {2348, 1451, 3522, 2883, 3047, 6650},
                             {4047, 8828, 8732, 5743, 1091, 381}};

} // namespace

Hartmann6::Hartmann6()
    : TestFunction(std::vector<double>(6, 0.0), std::vector<double>(6, 1.0))
{
}

double Hartmann6::evaluate(const std::vector<double>& x) const
{
    checkDim(x);
    double sum = 0.0;
    for (int i = 0; i < 4; ++i) {
        double inner = 0.0;
        for (int j = 0; j < 6; ++j) {
            const double d = x[std::size_t(j)] - 1e-4 * kP[i][j];
            inner += kA[i][j] * d * d;
        }
        sum += kAlpha[i] * std::exp(-inner);
    }
    return -sum;
}

double Hartmann6::optimumValue() const
{
    return -3.322368011391339;
}

std::vector<std::vector<double>> Hartmann6::optimumLocations() const
{
    return {{0.20168951265373836, 0.15001069271431358, 0.47687397821416535, 0.27533243446654, 0.3116516166030075,
             0.6573005340706185}};
}

} // namespace tw
