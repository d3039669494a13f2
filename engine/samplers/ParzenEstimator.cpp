#include "samplers/ParzenEstimator.h"

// GCC 12 flags its own AVX-512 intrinsics (_mm512_undefined_*) as "maybe uninitialized"
// when Eigen's vectorised exp/log are inlined under -march=native: a known false positive.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>
#include <stdexcept>

namespace tw {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kLogSqrt2Pi = 0.91893853320467274178;  // log(sqrt(2 pi))
constexpr double kSqrtHalf = 0.70710678118654752440;

// log(Phi(x)). erfc underflows near x = -38, where the asymptotic series takes over.
double logPhi(double x)
{
    if (x > 0.0)
        return std::log1p(-0.5 * std::erfc(x * kSqrtHalf));
    if (x > -37.0)
        return std::log(0.5 * std::erfc(-x * kSqrtHalf));
    const double r = 1.0 / (x * x);
    return -0.5 * x * x - std::log(-x) - kLogSqrt2Pi + std::log1p(r * (-1.0 + r * (3.0 - 15.0 * r)));
}

// A narrow cell [mid - w/2, mid + w/2] (in standard units) holds phi(mid) w times this
// factor's exp: the Taylor series of phi about mid, integrated, to the w^4 term. Used where
// w (1 + |mid|) < kNarrowCell: the first term left out is below 1e-12 of the mass there.
constexpr double kNarrowCell = 0.05;
inline double logNarrowCellFactor(double mid, double w)
{
    const double m2 = mid * mid, w2 = w * w;
    const double c = w2 * ((m2 - 1.0) / 24.0 + w2 * (m2 * m2 - 6.0 * m2 + 3.0) / 1920.0);
    return c * (1.0 - c * (0.5 - c / 3.0));  // log1p(c), |c| < 1e-3
}

} // namespace

ParzenEstimator::ParzenEstimator(ParzenEstimatorOptions options)
    : m_options(options)
{
    if (!(m_options.priorWeight >= 0.0) || !std::isfinite(m_options.priorWeight))
        throw std::invalid_argument("ParzenEstimator::ParzenEstimator(): priorWeight must be a finite number >= 0");
}

double ParzenEstimator::logNormalMass(double a, double b)
{
    if (!(a < b))
        return -kInf;
    if (a > 0.0)
        return logNormalMass(-b, -a);  // the upper tail mirrored, where erfc is accurate
    const double width = b - a;
    const double mid = 0.5 * (a + b);
    // A narrow cell: a series instead of the cancellation of two nearly equal CDF values.
    if (width * (1.0 + std::abs(mid)) < kNarrowCell)
        return -0.5 * mid * mid - kLogSqrt2Pi + std::log(width) + logNarrowCellFactor(mid, width);
    if (b <= 0.0) {
        const double la = logPhi(a);
        const double lb = logPhi(b);
        return lb + std::log1p(-std::exp(la - lb));
    }
    // a <= 0 < b: the mass is 1 - Phi(-b) - Phi(a), both tails small or the cell wide.
    return std::log1p(-(0.5 * std::erfc(b * kSqrtHalf) + 0.5 * std::erfc(-a * kSqrtHalf)));
}

double ParzenEstimator::componentWeight(int k) const
{
    return std::exp(m_logWeights(k));
}

double ParzenEstimator::scoringWeight(int k) const
{
    return std::exp(m_logScoreWeights(k));
}

double ParzenEstimator::kernelCenter(int dim, int k) const
{
    const Dim& d = m_dims.at(static_cast<size_t>(dim));
    if (d.kind != DimKind::Continuous && d.kind != DimKind::Discrete)
        throw std::invalid_argument("ParzenEstimator::kernelCenter(): not a numeric dimension");
    return d.mu(k);
}

double ParzenEstimator::kernelWidth(int dim, int k) const
{
    const Dim& d = m_dims.at(static_cast<size_t>(dim));
    if (d.kind != DimKind::Continuous && d.kind != DimKind::Discrete)
        throw std::invalid_argument("ParzenEstimator::kernelWidth(): not a numeric dimension");
    return d.sigma(k);
}

void ParzenEstimator::fit(const std::vector<Distribution>& dims,
                          const Eigen::Ref<const Eigen::MatrixXd>& observations,
                          const Eigen::Ref<const Eigen::VectorXd>& weights)
{
    const Eigen::Index n = observations.cols();
    if (observations.rows() != static_cast<Eigen::Index>(dims.size()) && n > 0)
        throw std::invalid_argument("ParzenEstimator::fit(): observations must have one row per dimension");
    if (weights.size() != n)
        throw std::invalid_argument("ParzenEstimator::fit(): one weight per observation is needed");
    if (n > 0 && (!weights.allFinite() || (weights.array() < 0.0).any() || weights.sum() <= 0.0))
        throw std::invalid_argument("ParzenEstimator::fit(): weights must be finite, >= 0 and not all 0");

    m_observationCount = static_cast<int>(n);
    const bool prior = n == 0 || m_options.priorWeight > 0.0;
    const Eigen::Index k = n + (prior ? 1 : 0);

    Eigen::VectorXd w(k);
    w.head(n) = weights;
    if (prior)
        w(n) = n == 0 ? 1.0 : m_options.priorWeight;
    w /= w.sum();
    m_logWeights = w.array().log();
    m_cumWeights.resize(k);
    std::partial_sum(w.data(), w.data() + k, m_cumWeights.data());

    m_dims.resize(dims.size());
    for (size_t j = 0; j < dims.size(); ++j) {
        Dim& dim = m_dims[j];
        const Distribution& dist = dims[j];
        if (!dist.validationError().empty())
            throw std::invalid_argument("ParzenEstimator::fit(): invalid distribution for dimension " +
                                        std::to_string(j) + ": " + dist.validationError());
        dim.dist = dist;
        switch (dist.kind()) {
        case Distribution::Kind::Fixed:
            dim.kind = DimKind::Single;
            break;
        case Distribution::Kind::Categorical:
            dim.kind = dist.choiceCount() > 1 ? DimKind::Categorical : DimKind::Single;
            break;
        case Distribution::Kind::Float:
        case Distribution::Kind::Int:
            if (dist.step() > 0.0)
                dim.kind = dist.cardinality() > 1 ? DimKind::Discrete : DimKind::Single;
            else
                dim.kind = DimKind::Continuous;
            break;
        }
        static const Eigen::RowVectorXd kNoObservations;
        const Eigen::RowVectorXd row =
            n > 0 ? Eigen::RowVectorXd(observations.row(static_cast<Eigen::Index>(j))) : kNoObservations;
        if (dim.kind == DimKind::Continuous || dim.kind == DimKind::Discrete)
            fitNumeric(dim, row, static_cast<int>(dims.size()));
        else if (dim.kind == DimKind::Categorical)
            fitCategorical(dim, row);
    }

    m_logScoreWeights = m_logWeights;
    if (m_options.kernelWeighting == ParzenKernelWeighting::WidthProportional) {
        for (const Dim& dim : m_dims)
            if (dim.kind == DimKind::Continuous || dim.kind == DimKind::Discrete)
                m_logScoreWeights += dim.logSigma;
        const double mx = m_logScoreWeights.maxCoeff();
        const double total = (m_logScoreWeights.array() - mx).max(-700.0).exp().sum();
        m_logScoreWeights.array() -= mx + std::log(total);
    }
}

void ParzenEstimator::fitNumeric(Dim& dim, const Eigen::Ref<const Eigen::RowVectorXd>& obs,
                                 int dimCount)
{
    const Distribution& dist = dim.dist;
    const Eigen::Index n = m_observationCount;
    const bool prior = n == 0 || m_options.priorWeight > 0.0;
    const Eigen::Index k = n + (prior ? 1 : 0);
    if (dim.kind == DimKind::Discrete) {
        dim.half = dist.step() / 2.0;
        dim.lo = dist.low() - dim.half;
        dim.hi = dist.high() + dim.half;
        if (dist.isLog())
            dim.lo = std::max(dim.lo, dist.low() / 2.0);
    }

    dim.mu.resize(k);
    dim.sigma.resize(k);
    for (Eigen::Index i = 0; i < n; ++i)
        dim.mu(i) = std::clamp(dist.toUnit(obs(i)), 0.0, 1.0);
    if (prior)
        dim.mu(n) = 0.5;

    if (m_options.bandwidth == ParzenBandwidth::Scott) {
        const double s = 0.2 * std::pow(static_cast<double>(std::max<Eigen::Index>(n, 1)),
                                         -1.0 / (dimCount + 4.0));
        dim.sigma.head(n).setConstant(s);
    } else if (n > 0) {
        // Sort the centres (the prior's among them), with the domain's ends as sentinels.
        // Callers that keep their observations sorted (TPESampler does) skip the sort: the
        // prior is merged in where std::sort would put it.
        auto& sorted = m_sorted;
        sorted.resize(static_cast<size_t>(k));
        bool ascending = true;
        for (Eigen::Index i = 1; i < n && ascending; ++i)
            ascending = dim.mu(i - 1) <= dim.mu(i);
        if (ascending) {
            size_t q = 0;
            bool placed = !prior;
            for (Eigen::Index i = 0; i < n; ++i) {
                if (!placed && dim.mu(i) > 0.5) {
                    sorted[q++] = {0.5, n};
                    placed = true;
                }
                sorted[q++] = {dim.mu(i), i};
            }
            if (!placed)
                sorted[q++] = {0.5, n};
        } else {
            for (Eigen::Index i = 0; i < k; ++i)
                sorted[static_cast<size_t>(i)] = {dim.mu(i), i};
            std::sort(sorted.begin(), sorted.end());
        }
        const size_t m = sorted.size();
        auto at = [&](size_t p) {  // p in [0, m + 1]: the sorted centres between 0 and 1
            return p == 0 ? 0.0 : (p == m + 1 ? 1.0 : sorted[p - 1].first);
        };
        for (size_t p = 1; p <= m; ++p) {
            double s = std::max(at(p) - at(p - 1), at(p + 1) - at(p));
            if (!m_options.considerEndpoints && m >= 2) {
                if (p == 1)
                    s = at(2) - at(1);
                else if (p == m)
                    s = at(m) - at(m - 1);
            }
            dim.sigma(sorted[p - 1].second) = s;
        }
    }
    const double minSigma =
        m_options.magicClip
            ? std::max(m_options.minBandwidth,
                       std::pow(static_cast<double>(n) + 2.0, -m_options.magicClipExponent))
            : 1e-12;
    for (Eigen::Index i = 0; i < n; ++i)
        dim.sigma(i) = std::clamp(dim.sigma(i), minSigma, 1.0);
    if (prior)
        dim.sigma(n) = 1.0;

    dim.invSigma = dim.sigma.cwiseInverse();
    dim.logSigma = dim.sigma.array().log();
    dim.logCoef.resize(k);
    for (Eigen::Index i = 0; i < k; ++i) {
        const double lower = -dim.mu(i) * dim.invSigma(i);
        const double upper = (1.0 - dim.mu(i)) * dim.invSigma(i);
        // Both ends beyond 8.3 sigma: the truncation removes less than 1e-16 of the mass.
        const double logZ = (lower < -8.3 && upper > 8.3) ? 0.0 : logNormalMass(lower, upper);
        dim.logCoef(i) = dim.kind == DimKind::Continuous ? -dim.logSigma(i) - kLogSqrt2Pi - logZ : -logZ;
    }
}

void ParzenEstimator::fitCategorical(Dim& dim, const Eigen::Ref<const Eigen::RowVectorXd>& obs)
{
    const Eigen::Index n = m_observationCount;
    const bool prior = n == 0 || m_options.priorWeight > 0.0;
    const Eigen::Index k = n + (prior ? 1 : 0);
    const Eigen::Index c = dim.dist.choiceCount();
    Eigen::MatrixXd p = Eigen::MatrixXd::Constant(k, c, n == 0 ? 1.0 : m_options.priorWeight / k);
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto idx = static_cast<Eigen::Index>(std::clamp(std::round(obs(i)), 0.0, c - 1.0));
        p(i, idx) += 1.0;
    }
    if (prior)
        p.row(n).setConstant(1.0);
    p.array().colwise() /= p.rowwise().sum().array();
    dim.logProb = p.array().log();
    dim.cumProb.resize(k, c);
    dim.cumProb.col(0) = p.col(0);
    for (Eigen::Index j = 1; j < c; ++j)
        dim.cumProb.col(j) = dim.cumProb.col(j - 1) + p.col(j);
}

double ParzenEstimator::unitOfEdge(const Dim& dim, double edge) const
{
    edge = std::clamp(edge, dim.lo, dim.hi);
    if (dim.dist.isLog())
        return (std::log(edge) - std::log(dim.lo)) / (std::log(dim.hi) - std::log(dim.lo));
    return (edge - dim.lo) / (dim.hi - dim.lo);
}

double ParzenEstimator::sampleTruncatedUnit(Random& rng, double mu, double sigma) const
{
    // Rejection from the untruncated Gaussian: the centre lies in [0, 1] and sigma <= 1,
    // so at least a third of the draws are accepted.
    for (int attempt = 0; attempt < 1000; ++attempt) {
        const double x = mu + sigma * rng.normal();
        if (x >= 0.0 && x <= 1.0)
            return x;
    }
    return std::clamp(mu, 0.0, 1.0);
}

void ParzenEstimator::sample(Random& rng, int count, Eigen::MatrixXd& out) const
{
    if (m_logWeights.size() == 0)
        throw std::logic_error("ParzenEstimator::sample(): fit() was not called");
    const auto d = static_cast<Eigen::Index>(m_dims.size());
    out.resize(d, count);
    const Eigen::Index k = m_cumWeights.size();
    for (int s = 0; s < count; ++s) {
        const double u = rng.uniform01();
        const double* begin = m_cumWeights.data();
        auto comp = static_cast<Eigen::Index>(std::upper_bound(begin, begin + k, u) - begin);
        comp = std::min(comp, k - 1);
        for (Eigen::Index j = 0; j < d; ++j) {
            const Dim& dim = m_dims[static_cast<size_t>(j)];
            switch (dim.kind) {
            case DimKind::Continuous:
            case DimKind::Discrete:
                out(j, s) = dim.dist.fromUnit(sampleTruncatedUnit(rng, dim.mu(comp), dim.sigma(comp)));
                break;
            case DimKind::Categorical: {
                const double v = rng.uniform01();
                const Eigen::Index c = dim.cumProb.cols();
                Eigen::Index idx = 0;
                while (idx < c - 1 && dim.cumProb(comp, idx) <= v)
                    ++idx;
                out(j, s) = static_cast<double>(idx);
                break;
            }
            case DimKind::Single:
                out(j, s) = dim.dist.isNumeric() ? dim.dist.low() : 0.0;
                break;
            }
        }
    }
}

void ParzenEstimator::logPdf(const Eigen::Ref<const Eigen::MatrixXd>& points, Eigen::VectorXd& out) const
{
    if (m_logWeights.size() == 0)
        throw std::logic_error("ParzenEstimator::logPdf(): fit() was not called");
    if (points.rows() != static_cast<Eigen::Index>(m_dims.size()))
        throw std::invalid_argument("ParzenEstimator::logPdf(): points must have one row per dimension");
    const Eigen::Index m = points.cols();
    const Eigen::Index k = m_logWeights.size();
    out.resize(m);
    if (m == 0)
        return;
    if (m_scratch.size() < static_cast<size_t>(k * m))
        m_scratch.resize(static_cast<size_t>(k * m));
    Eigen::Map<Eigen::MatrixXd> a(m_scratch.data(), k, m);
    a.colwise() = m_logScoreWeights;

    for (size_t j = 0; j < m_dims.size(); ++j) {
        const Dim& dim = m_dims[j];
        const auto row = points.row(static_cast<Eigen::Index>(j));
        switch (dim.kind) {
        case DimKind::Continuous:
            for (Eigen::Index c = 0; c < m; ++c) {
                const double u = std::clamp(dim.dist.toUnit(row(c)), 0.0, 1.0);
                a.col(c).array() +=
                    dim.logCoef.array() - 0.5 * ((u - dim.mu.array()) * dim.invSigma.array()).square();
            }
            break;
        case DimKind::Discrete:
            for (Eigen::Index c = 0; c < m; ++c) {
                const double v = dim.dist.snap(row(c));
                const double lower = unitOfEdge(dim, v - dim.half);
                const double upper = unitOfEdge(dim, v + dim.half);
                const double mid = 0.5 * (lower + upper);
                const double logWidth = std::log(upper - lower);
                // Most kernels lie far from the cell. A cheap upper bound of each kernel's
                // log term (mass <= min(1, width * phi(distance to the cell))) against the
                // exact term of the most promising kernel tells which ones cannot reach
                // e^-40 of the largest term; they are left out (a relative error below
                // K e^-40 in the mixture), the others are computed exactly.
                double* col = &a(0, c);
                m_bound.resize(static_cast<size_t>(k));
                Eigen::Index top = 0;
                for (Eigen::Index i = 0; i < k; ++i) {
                    const double lo = (lower - dim.mu(i)) * dim.invSigma(i);
                    const double hi = (upper - dim.mu(i)) * dim.invSigma(i);
                    const double gap = std::max({0.0, lo, -hi});
                    const double logMass =
                        std::min(0.0, logWidth - dim.logSigma(i) - 0.5 * gap * gap - kLogSqrt2Pi);
                    m_bound[static_cast<size_t>(i)] = col[i] + dim.logCoef(i) + logMass;
                    if (m_bound[static_cast<size_t>(i)] > m_bound[static_cast<size_t>(top)])
                        top = i;
                }
                auto exact = [&](Eigen::Index i) {
                    // logNormalMass, with the common narrow cell's series inlined.
                    const double z = (mid - dim.mu(i)) * dim.invSigma(i);
                    const double w = (upper - lower) * dim.invSigma(i);
                    const double logMass =
                        w * (1.0 + std::abs(z)) < kNarrowCell
                            ? logWidth - dim.logSigma(i) - 0.5 * z * z - kLogSqrt2Pi + logNarrowCellFactor(z, w)
                            : logNormalMass((lower - dim.mu(i)) * dim.invSigma(i),
                                            (upper - dim.mu(i)) * dim.invSigma(i));
                    return col[i] + dim.logCoef(i) + logMass;
                };
                const double floor = exact(top) - 40.0;
                for (Eigen::Index i = 0; i < k; ++i)
                    col[i] = m_bound[static_cast<size_t>(i)] < floor ? -kInf : exact(i);
            }
            break;
        case DimKind::Categorical: {
            const Eigen::Index choices = dim.logProb.cols();
            for (Eigen::Index c = 0; c < m; ++c) {
                const auto idx = static_cast<Eigen::Index>(
                    std::clamp(std::round(row(c)), 0.0, static_cast<double>(choices - 1)));
                a.col(c) += dim.logProb.col(idx);
            }
            break;
        }
        case DimKind::Single:
            break;
        }
    }

    for (Eigen::Index c = 0; c < m; ++c) {
        const double mx = a.col(c).maxCoeff();
        if (!std::isfinite(mx)) {
            out(c) = mx;
            continue;
        }
        // Terms below e^-700 cannot matter next to the largest (e^0); clamping them keeps
        // exp away from subnormal results, which cost a microcode assist each.
        out(c) = mx + std::log((a.col(c).array() - mx).max(-700.0).exp().sum());
    }
}

} // namespace tw
