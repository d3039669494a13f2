#pragma once
#include "samplers/GaussianProcess.h"

#include <vector>

namespace tw {

// Maximum a posteriori kernel hyperparameters: maximizes log p(y | X, theta) + log p(theta)
// over the packed log-hyperparameters with L-BFGS-B (LBFGSpp), from one or more starts.
// The priors follow Optuna's GPSampler (optuna/_gp/prior.py): on the inverse squared
// lengthscale lambda, -(0.1 / lambda + 0.1 lambda); on the signal variance Gamma(2, 1); on
// the noise variance Gamma(1.1, 30). They are applied as densities of the natural parameters
// evaluated at the log-parameters (no Jacobian), as Optuna does.
class GPHyperparameterFitter {
public:
    struct Options {
        double minLengthscale = 1e-2;
        double maxLengthscale = 1e2;
        double minSignalVariance = 1e-2;
        double maxSignalVariance = 1e2;
        double minNoiseVariance = 1e-6;
        double maxNoiseVariance = 1.0;
        // Pins the noise variance at its minimum (a deterministic objective).
        bool fixedNoise = false;
        int maxIterations = 100;
    };
    struct Result {
        GPHyperparameters hyperparameters;
        double logPosterior = 0.0;  // log marginal likelihood + log prior, up to a constant
        int evaluations = 0;
        int lineSearchFailures = 0;  // L-BFGS-B runs that stopped on a failed line search
    };

    GPHyperparameterFitter();
    explicit GPHyperparameterFitter(Options options);

    const Options& options() const { return m_options; }
    // The best of the runs started from each of `starts` (clamped into the bounds). When a
    // run's line search throws, its best point so far stands, so a start is never made worse.
    Result fit(const Eigen::MatrixXd& points, const Eigen::VectorXd& y,
               const std::vector<GPHyperparameters>& starts) const;
    // log prior density and its gradient with respect to the packed log-parameters.
    static double logPrior(const GPHyperparameters& h, Eigen::VectorXd* gradient = nullptr);
    // The default start for d input dimensions.
    GPHyperparameters defaultStart(int dimensions) const;

private:
    Options m_options;
};

} // namespace tw
