#include "samplers/YeoJohnsonTransform.h"

#include <cmath>

namespace tw {

namespace {

void standardize(const Eigen::VectorXd& y, double& mean, double& sd)
{
    mean = y.mean();
    const double var = y.size() > 1 ? (y.array() - mean).square().sum() / static_cast<double>(y.size() - 1) : 0.0;
    sd = var > 0 ? std::sqrt(var) : 1.0;
}

} // namespace

double YeoJohnsonTransform::transform(double x, double lambda)
{
    if (x >= 0)
        return std::abs(lambda) < 1e-12 ? std::log1p(x) : (std::pow(x + 1.0, lambda) - 1.0) / lambda;
    const double l2 = 2.0 - lambda;
    return std::abs(l2) < 1e-12 ? -std::log1p(-x) : -(std::pow(1.0 - x, l2) - 1.0) / l2;
}

double YeoJohnsonTransform::logLikelihood(const Eigen::VectorXd& x, double lambda)
{
    const Eigen::Index n = x.size();
    Eigen::VectorXd t(n);
    double jacobian = 0.0;
    for (Eigen::Index i = 0; i < n; ++i) {
        t[i] = transform(x[i], lambda);
        jacobian += (x[i] >= 0 ? 1.0 : -1.0) * std::log1p(std::abs(x[i]));
    }
    const double var = (t.array() - t.mean()).square().mean();
    if (!(var > 0) || !std::isfinite(var))
        return -INFINITY;
    return -0.5 * static_cast<double>(n) * std::log(var) + (lambda - 1.0) * jacobian;
}

YeoJohnsonTransform YeoJohnsonTransform::fit(const Eigen::VectorXd& y, double minLambda,
                                             double maxLambda)
{
    YeoJohnsonTransform t;
    standardize(y, t.m_mean, t.m_sd);
    if (y.size() < 3)
        return t;
    const Eigen::VectorXd x = (y.array() - t.m_mean) / t.m_sd;
    // Golden-section search: the profile likelihood is unimodal in practice, and a bracket
    // keeps extreme exponents (which overflow) out.
    const double g = 0.5 * (std::sqrt(5.0) - 1.0);
    double a = minLambda, b = maxLambda;
    double c = b - g * (b - a), d = a + g * (b - a);
    double fc = logLikelihood(x, c), fd = logLikelihood(x, d);
    for (int i = 0; i < 60 && b - a > 1e-6; ++i) {
        if (fc > fd) {
            b = d;
            d = c;
            fd = fc;
            c = b - g * (b - a);
            fc = logLikelihood(x, c);
        } else {
            a = c;
            c = d;
            fc = fd;
            d = a + g * (b - a);
            fd = logLikelihood(x, d);
        }
    }
    t.m_lambda = 0.5 * (a + b);
    return t;
}

Eigen::VectorXd YeoJohnsonTransform::apply(const Eigen::VectorXd& y) const
{
    Eigen::VectorXd out(y.size());
    for (Eigen::Index i = 0; i < y.size(); ++i)
        out[i] = transform((y[i] - m_mean) / m_sd, m_lambda);
    double mean = 0, sd = 1;
    standardize(out, mean, sd);
    return (out.array() - mean) / sd;
}

} // namespace tw
