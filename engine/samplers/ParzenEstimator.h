#pragma once
#include "core/Distribution.h"
#include "core/Random.h"

#include <Eigen/Core>
#include <vector>

namespace tw {

// How the Parzen estimator picks its kernels' widths (in the unit coordinate, where every
// numeric parameter's range is [0, 1]; see Distribution::toUnit).
enum class ParzenBandwidth {
    // Each kernel as wide as the larger gap to its two neighbours among the sorted
    // observations and the prior's centre (Bergstra et al. 2011; Optuna's univariate rule).
    // Without considerEndpoints the outermost kernels use their inner gap only.
    NeighborGap,
    // One width for every kernel, 0.2 * n^(-1/(d+4)): Scott's rate for a d-dimensional
    // product kernel, with the constant Optuna's multivariate TPE uses (Falkner et al. 2018).
    Scott,
};

// How the kernels are weighted in logPdf() (sample() always draws with the plain weights).
enum class ParzenKernelWeighting {
    // Each kernel as weighted: the textbook Parzen mixture.
    Plain,
    // Each kernel's weight multiplied by its width (the product of its widths over the
    // numeric dimensions), then renormalised. For continuous parameters this is what
    // Optuna 3.1 computed, through a log-pdf that left out each Gaussian's 1/sigma
    // (optuna/optuna#5109, fixed in late 2023 by #5110): the argmax of l/g cannot tell the
    // two apart. With neighbour-gap widths, a kernel's width is about the inverse of the
    // local density of observations, so the scoring densities measure coverage more than
    // concentration: a well-sampled region of g(x) does not keep pushing candidates away
    // from good points, and the wide prior counts for more.
    WidthProportional,
};

struct ParzenEstimatorOptions {
    // Weight of the prior component (a kernel at the domain's centre as wide as the range,
    // uniform over a categorical's choices). 0 leaves the prior out once there is data.
    double priorWeight = 1.0;
    // Bergstra's "magic clip": no kernel narrower than max(minBandwidth, 1 / (n + 2)^exponent)
    // of the range, so that a few close observations cannot collapse l(x) onto a point.
    // Optuna: exponent 1, minBandwidth 0.01 (Watanabe 2023's alpha and Delta).
    bool magicClip = true;
    double magicClipExponent = 1.0;
    double minBandwidth = 0.01;
    bool considerEndpoints = false;
    ParzenBandwidth bandwidth = ParzenBandwidth::NeighborGap;
    ParzenKernelWeighting kernelWeighting = ParzenKernelWeighting::Plain;
};

// A weighted mixture of product kernels over a box of parameters: the l(x) and g(x) of TPE
// (Bergstra et al. 2011, "Algorithms for Hyper-Parameter Optimization", section 4).
// Each observation is one component; with priorWeight > 0 a last component is the prior.
//  - float (continuous): a Gaussian truncated to the range, in the unit coordinate (log
//    space for log parameters);
//  - int, or float with a step (discrete): the same Gaussian over the widened range, whose
//    probability mass is gathered into each grid value's cell;
//  - categorical: each observation puts weight 1 on its choice plus priorWeight / K spread
//    over all choices (K components), normalised (Optuna's smoothing);
//  - fixed, or an int range with a single value: ignored (probability 1).
// logPdf() for continuous dimensions is a density with respect to the unit coordinate; the
// Jacobian to the parameter's own scale cancels in l(x) / g(x). Not thread-safe: logPdf()
// reuses an internal buffer.
class ParzenEstimator {
public:
    explicit ParzenEstimator(ParzenEstimatorOptions options = {});

    // dims: the box (one Distribution per row of `observations`). observations: d x n
    // internal values, one column per observation, each inside its distribution.
    // (Neighbour-gap widths need each dimension sorted; a row already in ascending order is
    // not sorted again.)
    // weights: n non-negative weights (not all zero when n > 0), normalised here.
    void fit(const std::vector<Distribution>& dims,
             const Eigen::Ref<const Eigen::MatrixXd>& observations,
             const Eigen::Ref<const Eigen::VectorXd>& weights);

    int dimensionCount() const { return static_cast<int>(m_dims.size()); }
    int componentCount() const { return static_cast<int>(m_logWeights.size()); }
    double componentWeight(int k) const;  // as sampled
    double scoringWeight(int k) const;    // as in logPdf()
    // The kernel's centre and width in the unit coordinate (numeric dimensions only).
    double kernelCenter(int dim, int k) const;
    double kernelWidth(int dim, int k) const;

    // Draws `count` points into out (d x count, internal values, on the grid for discrete
    // and categorical dimensions).
    void sample(Random& rng, int count, Eigen::MatrixXd& out) const;
    // Log density (continuous) or log probability (discrete, categorical) of each column of
    // `points` (d x m internal values), written into out (size m).
    void logPdf(const Eigen::Ref<const Eigen::MatrixXd>& points, Eigen::VectorXd& out) const;

    // log(Phi(b) - Phi(a)) for a < b, accurate far in both tails (Phi: standard normal CDF).
    static double logNormalMass(double a, double b);

private:
    enum class DimKind { Continuous, Discrete, Categorical, Single };
    struct Dim {
        DimKind kind = DimKind::Single;
        Distribution dist;
        // Discrete cells in the parameter's own scale: value v owns [v - half, v + half],
        // cut at `lo` (Distribution widens a log range's lower end only down to low / 2).
        double half = 0.0;
        double lo = 0.0;
        double hi = 1.0;
        Eigen::VectorXd mu;        // K kernel centres (unit coordinate)
        Eigen::VectorXd sigma;     // K widths
        Eigen::VectorXd invSigma;  // 1 / sigma
        Eigen::VectorXd logSigma;
        Eigen::VectorXd logCoef;   // continuous: -log(sigma sqrt(2 pi)) - log Z; discrete: -log Z
        Eigen::MatrixXd logProb;   // categorical: K x C
        Eigen::MatrixXd cumProb;   // categorical: K x C running sums, for sampling
    };

    void fitNumeric(Dim& dim, const Eigen::Ref<const Eigen::RowVectorXd>& obs, int dimCount);
    void fitCategorical(Dim& dim, const Eigen::Ref<const Eigen::RowVectorXd>& obs);
    double unitOfEdge(const Dim& dim, double edge) const;
    double sampleTruncatedUnit(Random& rng, double mu, double sigma) const;

    ParzenEstimatorOptions m_options;
    std::vector<Dim> m_dims;
    Eigen::VectorXd m_logWeights;
    Eigen::VectorXd m_logScoreWeights;
    Eigen::VectorXd m_cumWeights;
    int m_observationCount = 0;
    mutable std::vector<double> m_scratch;  // K x m log terms, grown only
    mutable std::vector<double> m_bound;    // K bounds of the discrete terms
    std::vector<std::pair<double, Eigen::Index>> m_sorted;  // neighbour-gap scratch
};

} // namespace tw
