#pragma once

namespace tw {

// log EI for minimization, stable far into the tail (Ament et al. 2023, "Unexpected
// Improvements to Expected Improvement for Bayesian Optimization", eq. 9 and Lemma 2).
// With z = (best - mean) / sd, EI = sd h(z) where h(z) = phi(z) + z Phi(z). For z <= -3,
// log h comes from Laplace's continued fraction of the Mills ratio, M(t) = 1 / (t + c(t)):
// then 1 - t M(t) = c / (t + c), which has no cancellation, so log h(z) = log phi(t) +
// log c - log(t + c) with t = -z, accurate to z = -1e150 and finite beyond. This replaces
// the paper's erfcx formulation with an equivalent one the standard library can evaluate.
class LogExpectedImprovement {
public:
    static double logH(double z);
    // d log h / dz = Phi(z) / h(z) (= 1 / c(-z) in the tail).
    static double logHDerivative(double z);
    // log EI at a point with posterior mean and standard deviation sd > 0.
    static double value(double mean, double sd, double best);
};

} // namespace tw
