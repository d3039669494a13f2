#include "samplers/GPHyperparameterFitter.h"

#include <LBFGSB.h>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace tw {

GPHyperparameterFitter::GPHyperparameterFitter()
    : GPHyperparameterFitter(Options{})
{
}

GPHyperparameterFitter::GPHyperparameterFitter(Options options)
    : m_options(options)
{
    const auto& o = m_options;
    if (!(o.minLengthscale > 0 && o.minLengthscale < o.maxLengthscale) ||
        !(o.minSignalVariance > 0 && o.minSignalVariance < o.maxSignalVariance) ||
        !(o.minNoiseVariance > 0 && o.minNoiseVariance <= o.maxNoiseVariance))
        throw std::invalid_argument("GPHyperparameterFitter::GPHyperparameterFitter(): bounds "
                                    "must be positive with min < max");
    if (o.maxIterations < 1)
        throw std::invalid_argument(
            "GPHyperparameterFitter::GPHyperparameterFitter(): maxIterations must be >= 1");
}

double GPHyperparameterFitter::logPrior(const GPHyperparameters& h, Eigen::VectorXd* gradient)
{
    const Eigen::Index d = h.logLengthscales.size();
    if (gradient)
        gradient->setZero(d + 2);
    double lp = 0.0;
    for (Eigen::Index j = 0; j < d; ++j) {
        // lambda = l^-2: -(0.1 l^2 + 0.1 l^-2).
        const double l2 = std::exp(2.0 * h.logLengthscales[j]);
        lp -= 0.1 * l2 + 0.1 / l2;
        if (gradient)
            (*gradient)[j] = -0.2 * l2 + 0.2 / l2;
    }
    const double s = std::exp(h.logSignalVariance);
    lp += h.logSignalVariance - s;  // Gamma(2, 1)
    const double nv = std::exp(h.logNoiseVariance);
    lp += 0.1 * h.logNoiseVariance - 30.0 * nv;  // Gamma(1.1, 30)
    if (gradient) {
        (*gradient)[d] = 1.0 - s;
        (*gradient)[d + 1] = 0.1 - 30.0 * nv;
    }
    return lp;
}

GPHyperparameters GPHyperparameterFitter::defaultStart(int dimensions) const
{
    GPHyperparameters h;
    h.logLengthscales = Eigen::VectorXd::Constant(dimensions, std::log(0.5));
    h.logSignalVariance = 0.0;
    h.logNoiseVariance = m_options.fixedNoise ? std::log(m_options.minNoiseVariance)
                                              : std::log(std::max(1e-3, m_options.minNoiseVariance));
    return h;
}

GPHyperparameterFitter::Result GPHyperparameterFitter::fit(
    const Eigen::MatrixXd& points, const Eigen::VectorXd& y,
    const std::vector<GPHyperparameters>& starts) const
{
    if (starts.empty())
        throw std::invalid_argument("GPHyperparameterFitter::fit(): needs at least one start");
    const int d = static_cast<int>(points.rows());
    const auto& o = m_options;
    Eigen::VectorXd lb(d + 2), ub(d + 2);
    lb.head(d).setConstant(std::log(o.minLengthscale));
    ub.head(d).setConstant(std::log(o.maxLengthscale));
    lb[d] = std::log(o.minSignalVariance);
    ub[d] = std::log(o.maxSignalVariance);
    lb[d + 1] = std::log(o.minNoiseVariance);
    ub[d + 1] = o.fixedNoise ? lb[d + 1] : std::log(o.maxNoiseVariance);

    Result best;
    best.logPosterior = -std::numeric_limits<double>::infinity();
    int evaluations = 0;
    int failures = 0;
    // The variables the optimizer moves: a pinned noise is left out, since L-BFGS-B's
    // Cauchy point needs lb < ub in LBFGSpp.
    const int free = o.fixedNoise ? d + 1 : d + 2;
    for (const auto& start : starts) {
        if (start.dimensions() != d)
            throw std::invalid_argument("GPHyperparameterFitter::fit(): a start has the wrong "
                                        "dimension");
        Eigen::VectorXd full = start.packed().cwiseMax(lb).cwiseMin(ub);
        double runBest = std::numeric_limits<double>::infinity();
        Eigen::VectorXd runBestX = full.head(free);
        auto objective = [&](const Eigen::VectorXd& x, Eigen::VectorXd& grad) -> double {
            ++evaluations;
            full.head(free) = x;
            const GPHyperparameters h = GPHyperparameters::fromPacked(full);
            Eigen::VectorXd gl, gp;
            const double lml = GaussianProcess::logMarginalLikelihood(points, y, h, &gl);
            const double lp = logPrior(h, &gp);
            const double f = -(lml + lp);
            if (!std::isfinite(f)) {
                // Tell the line search to step back: a huge value with a zero gradient.
                grad.setZero(free);
                return 1e300;
            }
            grad = -(gl + gp).head(free);
            if (f < runBest) {
                runBest = f;
                runBestX = x;
            }
            return f;
        };
        LBFGSpp::LBFGSBParam<double> param;
        param.m = 10;
        param.epsilon = 1e-5;
        param.epsilon_rel = 1e-6;
        param.past = 1;
        param.delta = 1e-9;
        param.max_iterations = o.maxIterations;
        param.max_linesearch = 30;
        LBFGSpp::LBFGSBSolver<double> solver(param);
        Eigen::VectorXd x = full.head(free);
        const Eigen::VectorXd lbFree = lb.head(free), ubFree = ub.head(free);
        double fx = 0.0;
        try {
            solver.minimize(objective, x, fx, lbFree, ubFree);
        } catch (const std::exception&) {
            // LBFGSpp throws when its line search fails (flat or noisy objective, or a step
            // into a region where K is singular): keep the best point seen in this run.
            ++failures;
        }
        if (std::isfinite(runBest) && -runBest > best.logPosterior) {
            full.head(free) = runBestX;
            best.hyperparameters = GPHyperparameters::fromPacked(full);
            best.logPosterior = -runBest;
        }
    }
    if (!std::isfinite(best.logPosterior)) {
        // No start gave a finite posterior: keep the first start as it was.
        Eigen::VectorXd full = starts.front().packed().cwiseMax(lb).cwiseMin(ub);
        best.hyperparameters = GPHyperparameters::fromPacked(full);
    }
    best.evaluations = evaluations;
    best.lineSearchFailures = failures;
    return best;
}

} // namespace tw
