#include "samplers/TrustRegion.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tw {

double TrustRegion::side(const std::vector<Step>& history)
{
    double length = kInitialSide;
    double best = std::numeric_limits<double>::infinity();
    int successes = 0, failures = 0;
    for (const Step& s : history) {
        if (s.local && std::isfinite(best)) {
            if (s.value < best - 1e-3 * std::abs(best)) {
                ++successes;
                failures = 0;
            } else {
                ++failures;
                successes = 0;
            }
            if (successes >= kSuccessTolerance) {
                length = std::min(2.0 * length, kMaxSide);
                successes = 0;
            } else if (failures >= kFailureTolerance) {
                length /= 2.0;
                failures = 0;
            }
            if (length < kMinSide)
                length = kInitialSide;
        }
        best = std::min(best, s.value);
    }
    return length;
}

void TrustRegion::box(const Eigen::VectorXd& center, const std::vector<int>& dims, double side,
                      Eigen::VectorXd& lower, Eigen::VectorXd& upper)
{
    const auto d = static_cast<Eigen::Index>(dims.size());
    lower.resize(d);
    upper.resize(d);
    for (Eigen::Index i = 0; i < d; ++i) {
        const int dim = dims[static_cast<std::size_t>(i)];
        lower[i] = std::clamp(center[dim] - 0.5 * side, 0.0, 1.0);
        upper[i] = std::clamp(center[dim] + 0.5 * side, 0.0, 1.0);
    }
}

} // namespace tw
