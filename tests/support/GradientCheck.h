#pragma once
// Finite-difference gradient checks for tests: central differences of a float function,
// with the objective accumulated in double so rounding stays well below the step.
#include "core/Random.h"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <functional>

namespace tw::test {

// d f / d x by central differences, stepping each coordinate of x by +-h.
inline Eigen::VectorXd numericGradient(const std::function<double(const Eigen::VectorXf&)>& f,
                                       const Eigen::VectorXf& x, float h)
{
    Eigen::VectorXd g(x.size());
    Eigen::VectorXf probe = x;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
        const float plus = x(i) + h;
        const float minus = x(i) - h;
        probe(i) = plus;
        const double fp = f(probe);
        probe(i) = minus;
        const double fm = f(probe);
        probe(i) = x(i);
        // The step actually taken, after rounding to float.
        g(i) = (fp - fm) / (static_cast<double>(plus) - static_cast<double>(minus));
    }
    return g;
}

// max_i |a_i - n_i| / max(scale, |a_i|, |n_i|): relative where the gradient is large,
// absolute (relative to `scale`) where it is small.
inline double maxRelativeError(const Eigen::VectorXf& analytic, const Eigen::VectorXd& numeric, double scale = 1.0)
{
    double worst = 0.0;
    for (Eigen::Index i = 0; i < analytic.size(); ++i) {
        const double a = analytic(i);
        const double n = numeric(i);
        worst = std::max(worst, std::abs(a - n) / std::max({scale, std::abs(a), std::abs(n)}));
    }
    return worst;
}

// sum(R .* M) in double: a scalar objective whose gradient with respect to M is R.
inline double weightedSum(const Eigen::Ref<const Eigen::MatrixXf>& m, const Eigen::MatrixXf& r)
{
    return (m.cast<double>().array() * r.cast<double>().array()).sum();
}

inline Eigen::MatrixXf randomMatrix(Eigen::Index rows, Eigen::Index cols, unsigned seed, float scale = 1.0f)
{
    // Uniform in [-scale, scale], as Eigen's Random() but from our one generator.
    Random rng(seed);
    Eigen::MatrixXf m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i)
        m.data()[i] = static_cast<float>(rng.uniform(-1.0, 1.0)) * scale;
    return m;
}

} // namespace tw::test
