#pragma once
#include <Eigen/Core>

namespace tw {

// The Yeo-Johnson power transform (Yeo & Johnson 2000), with its exponent chosen by maximum
// likelihood as in scikit-learn's PowerTransformer: the data are standardized, transformed,
// and standardized again. It is increasing for every exponent, so it keeps the order of the
// values (and the minimizer) while pulling in a long tail, which a stationary GP models badly
// (as HEBO does for its outputs: Cowen-Rivers et al. 2022).
class YeoJohnsonTransform {
public:
    // Fits the exponent on y (at least 3 values; fewer give the identity exponent 1).
    static YeoJohnsonTransform fit(const Eigen::VectorXd& y, double minLambda = -3.0,
                                   double maxLambda = 3.0);
    // Transforms y to zero mean and unit variance (a constant vector maps to zeros).
    Eigen::VectorXd apply(const Eigen::VectorXd& y) const;
    double lambda() const { return m_lambda; }
    // The standardization before the transform.
    double mean() const { return m_mean; }
    double sd() const { return m_sd; }

    static double transform(double x, double lambda);
    // The profile log-likelihood of lambda for (already standardized) x.
    static double logLikelihood(const Eigen::VectorXd& x, double lambda);

private:
    double m_lambda = 1.0;
    double m_mean = 0.0;
    double m_sd = 1.0;
};

} // namespace tw
