#include "samplers/GaussianProcess.h"

#include <Eigen/Cholesky>

#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

namespace tw {

namespace {

constexpr double kSqrt5 = 2.23606797749978969640917;

// Squared distances between the columns of a and of b (already scaled).
Eigen::MatrixXd squaredDistances(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b)
{
    const Eigen::VectorXd na = a.colwise().squaredNorm().transpose();
    const Eigen::RowVectorXd nb = b.colwise().squaredNorm();
    Eigen::MatrixXd d2 = -2.0 * (a.transpose() * b);
    d2.colwise() += na;
    d2.rowwise() += nb;
    return d2.cwiseMax(0.0);
}

Eigen::MatrixXd maternFromSquared(const Eigen::MatrixXd& d2, double signal)
{
    const Eigen::ArrayXXd r = d2.array().sqrt();
    return (signal * (1.0 + kSqrt5 * r + (5.0 / 3.0) * d2.array()) * (-kSqrt5 * r).exp())
        .matrix();
}

Eigen::MatrixXd scaled(const Eigen::MatrixXd& points, const Eigen::VectorXd& inverseLengthscales)
{
    return inverseLengthscales.asDiagonal() * points;
}

} // namespace

Eigen::VectorXd GPHyperparameters::packed() const
{
    Eigen::VectorXd p(logLengthscales.size() + 2);
    p.head(logLengthscales.size()) = logLengthscales;
    p[logLengthscales.size()] = logSignalVariance;
    p[logLengthscales.size() + 1] = logNoiseVariance;
    return p;
}

GPHyperparameters GPHyperparameters::fromPacked(const Eigen::VectorXd& packed)
{
    if (packed.size() < 2)
        throw std::invalid_argument("GPHyperparameters::fromPacked(): needs at least 2 values");
    GPHyperparameters h;
    const Eigen::Index d = packed.size() - 2;
    h.logLengthscales = packed.head(d);
    h.logSignalVariance = packed[d];
    h.logNoiseVariance = packed[d + 1];
    return h;
}

GaussianProcess::GaussianProcess(GPHyperparameters hyperparameters)
{
    setHyperparameters(std::move(hyperparameters));
}

void GaussianProcess::setHyperparameters(GPHyperparameters hyperparameters)
{
    if (hyperparameters.dimensions() < 1)
        throw std::invalid_argument(
            "GaussianProcess::setHyperparameters(): needs at least one lengthscale");
    if (m_n > 0 && hyperparameters.dimensions() != m_hyper.dimensions())
        throw std::invalid_argument(
            "GaussianProcess::setHyperparameters(): the dimension cannot change with inputs held");
    // Inputs are held scaled: unscale them with the old lengthscales first.
    Eigen::MatrixXd raw;
    if (m_n > 0)
        raw = m_inverseLengthscales.cwiseInverse().asDiagonal() * m_X.leftCols(m_n);
    m_hyper = std::move(hyperparameters);
    m_inverseLengthscales = (-m_hyper.logLengthscales.array()).exp().matrix();
    m_signal = std::exp(m_hyper.logSignalVariance);
    m_noise = std::exp(m_hyper.logNoiseVariance);
    if (m_n > 0)
        setInputs(raw);
    else if (m_X.rows() != dimensions())
        m_X.resize(dimensions(), 0);
}

void GaussianProcess::reserve(int n)
{
    if (n <= m_X.cols())
        return;
    const Eigen::Index capacity = std::max<Eigen::Index>({n, 2 * m_X.cols(), 16});
    m_X.conservativeResize(dimensions(), capacity);
    m_L.conservativeResize(capacity, capacity);
}

void GaussianProcess::setInputs(const Eigen::MatrixXd& points)
{
    if (points.rows() != dimensions())
        throw std::invalid_argument("GaussianProcess::setInputs(): points must have one row per "
                                    "dimension");
    const int n = static_cast<int>(points.cols());
    m_n = 0;
    m_hasTargets = false;
    reserve(n);
    m_X.leftCols(n) = scaled(points, m_inverseLengthscales);
    Eigen::MatrixXd K = maternFromSquared(
        squaredDistances(m_X.leftCols(n), m_X.leftCols(n)), m_signal);
    K.diagonal().array() += m_noise;
    // Jitter only when the noise floor did not suffice (near-duplicate inputs).
    m_jitter = 0.0;
    for (;;) {
        Eigen::MatrixXd Kj = K;
        Kj.diagonal().array() += m_jitter;
        Eigen::LLT<Eigen::MatrixXd> llt(Kj);
        if (llt.info() == Eigen::Success) {
            m_L.topLeftCorner(n, n) = llt.matrixL();
            break;
        }
        m_jitter = m_jitter == 0.0 ? 1e-10 * m_signal : m_jitter * 10.0;
        if (m_jitter > 1e-2 * m_signal)
            throw std::runtime_error("GaussianProcess::setInputs(): the kernel matrix is not "
                                     "positive definite even with jitter");
    }
    m_n = n;
}

void GaussianProcess::appendInput(const Eigen::VectorXd& x)
{
    if (x.size() != dimensions())
        throw std::invalid_argument("GaussianProcess::appendInput(): wrong dimension");
    reserve(m_n + 1);
    const Eigen::VectorXd xs = m_inverseLengthscales.cwiseProduct(x);
    double selfVariance = m_signal + m_noise + m_jitter;
    if (m_n > 0) {
        const Eigen::VectorXd k =
            maternFromSquared(squaredDistances(m_X.leftCols(m_n), xs), m_signal);
        Eigen::VectorXd l = m_L.topLeftCorner(m_n, m_n).triangularView<Eigen::Lower>().solve(k);
        m_L.block(m_n, 0, 1, m_n) = l.transpose();
        selfVariance -= l.squaredNorm();
    }
    // Rounding can leave a non-positive pivot for a point on top of another; floor it so the
    // factor stays usable (it then factors K plus a tiny extra diagonal term at this point).
    m_L(m_n, m_n) = std::sqrt(std::max(selfVariance, 1e-12 * m_signal));
    m_L.block(0, m_n, m_n, 1).setZero();
    m_X.col(m_n) = xs;
    ++m_n;
    m_hasTargets = false;
}

void GaussianProcess::truncate(int n)
{
    if (n < 0 || n > m_n)
        throw std::invalid_argument("GaussianProcess::truncate(): n out of range");
    m_n = n;
    m_hasTargets = false;
}

void GaussianProcess::setTargets(const Eigen::VectorXd& y)
{
    if (y.size() != m_n)
        throw std::invalid_argument("GaussianProcess::setTargets(): one target per input needed");
    const auto L = m_L.topLeftCorner(m_n, m_n).triangularView<Eigen::Lower>();
    m_alpha = L.solve(y);
    L.transpose().solveInPlace(m_alpha);
    m_hasTargets = true;
}

double GaussianProcess::kernel(const Eigen::VectorXd& a, const Eigen::VectorXd& b) const
{
    const double r2 = (a - b).cwiseProduct(m_inverseLengthscales).squaredNorm();
    const double r = std::sqrt(r2);
    return m_signal * (1.0 + kSqrt5 * r + (5.0 / 3.0) * r2) * std::exp(-kSqrt5 * r);
}

GaussianProcess::Prediction GaussianProcess::predict(const Eigen::VectorXd& x) const
{
    Eigen::VectorXd mean(1), variance(1);
    predictBatch(Eigen::MatrixXd(x), mean, variance);
    return {mean[0], variance[0]};
}

GaussianProcess::Prediction GaussianProcess::predict(const Eigen::VectorXd& x,
                                                     Eigen::VectorXd& meanGradient,
                                                     Eigen::VectorXd& varianceGradient) const
{
    if (!m_hasTargets)
        throw std::logic_error("GaussianProcess::predict(): set the targets first");
    const int d = dimensions();
    meanGradient.setZero(d);
    varianceGradient.setZero(d);
    if (m_n == 0)
        return {0.0, m_signal};
    const Eigen::VectorXd xs = m_inverseLengthscales.cwiseProduct(x);
    const auto X = m_X.leftCols(m_n);
    // diff(j, i) = xs_j - X_ji, in scaled units.
    const Eigen::MatrixXd diff = (-X).colwise() + xs;
    const Eigen::ArrayXd r2 = diff.colwise().squaredNorm().transpose().array();
    const Eigen::ArrayXd r = r2.sqrt();
    const Eigen::ArrayXd e = (-kSqrt5 * r).exp();
    const Eigen::VectorXd k = (m_signal * (1.0 + kSqrt5 * r + (5.0 / 3.0) * r2) * e).matrix();
    // dk_i/dx_j = -q_i diff_ji / l_j with q = s2 5/3 (1 + sqrt5 r) exp(-sqrt5 r).
    const Eigen::VectorXd q = (m_signal * (5.0 / 3.0) * (1.0 + kSqrt5 * r) * e).matrix();
    const auto L = m_L.topLeftCorner(m_n, m_n).triangularView<Eigen::Lower>();
    const Eigen::VectorXd v = L.solve(k);
    Eigen::VectorXd w = v;
    L.transpose().solveInPlace(w);
    Prediction p;
    p.mean = k.dot(m_alpha);
    p.variance = std::max(0.0, m_signal - v.squaredNorm());
    meanGradient = -(diff * q.cwiseProduct(m_alpha)).cwiseProduct(m_inverseLengthscales);
    varianceGradient = 2.0 * (diff * q.cwiseProduct(w)).cwiseProduct(m_inverseLengthscales);
    return p;
}

void GaussianProcess::predictBatch(const Eigen::MatrixXd& points, Eigen::VectorXd& mean,
                                   Eigen::VectorXd& variance) const
{
    if (!m_hasTargets)
        throw std::logic_error("GaussianProcess::predict(): set the targets first");
    if (points.rows() != dimensions())
        throw std::invalid_argument("GaussianProcess::predict(): wrong dimension");
    const Eigen::Index m = points.cols();
    if (m_n == 0) {
        mean.setZero(m);
        variance.setConstant(m, m_signal);
        return;
    }
    const Eigen::MatrixXd ks = maternFromSquared(
        squaredDistances(m_X.leftCols(m_n), scaled(points, m_inverseLengthscales)), m_signal);
    mean = ks.transpose() * m_alpha;
    const Eigen::MatrixXd v = m_L.topLeftCorner(m_n, m_n).triangularView<Eigen::Lower>().solve(ks);
    variance = (m_signal - v.colwise().squaredNorm().array()).cwiseMax(0.0).matrix().transpose();
}

Eigen::MatrixXd GaussianProcess::kernelMatrix(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b,
                                              const GPHyperparameters& h)
{
    const Eigen::VectorXd inv = (-h.logLengthscales.array()).exp().matrix();
    return maternFromSquared(squaredDistances(scaled(a, inv), scaled(b, inv)),
                             std::exp(h.logSignalVariance));
}

double GaussianProcess::logMarginalLikelihood(const Eigen::MatrixXd& points,
                                              const Eigen::VectorXd& y,
                                              const GPHyperparameters& h,
                                              Eigen::VectorXd* gradient)
{
    const Eigen::Index n = points.cols();
    const Eigen::Index d = points.rows();
    if (d != h.dimensions() || y.size() != n)
        throw std::invalid_argument("GaussianProcess::logMarginalLikelihood(): sizes disagree");
    const double signal = std::exp(h.logSignalVariance);
    const double noise = std::exp(h.logNoiseVariance);
    const Eigen::VectorXd inv = (-h.logLengthscales.array()).exp().matrix();
    const Eigen::MatrixXd xs = scaled(points, inv);
    const Eigen::MatrixXd d2 = squaredDistances(xs, xs);
    const Eigen::ArrayXXd r = d2.array().sqrt();
    const Eigen::ArrayXXd e = (-kSqrt5 * r).exp();
    const Eigen::MatrixXd kf = (signal * (1.0 + kSqrt5 * r + (5.0 / 3.0) * d2.array()) * e).matrix();
    Eigen::MatrixXd K = kf;
    K.diagonal().array() += noise;
    Eigen::LLT<Eigen::MatrixXd> llt(K);
    if (llt.info() != Eigen::Success) {
        if (gradient)
            gradient->setZero(d + 2);
        return -std::numeric_limits<double>::infinity();
    }
    const Eigen::VectorXd alpha = llt.solve(y);
    const double logDet = 2.0 * llt.matrixLLT().diagonal().array().log().sum();
    const double lml = -0.5 * y.dot(alpha) - 0.5 * logDet -
                       0.5 * static_cast<double>(n) * std::log(2.0 * std::numbers::pi);
    if (!gradient)
        return lml;
    // d lml / d theta = 1/2 tr((alpha alpha^T - K^-1) dK/dtheta)  (R&W eq. 5.9).
    Eigen::MatrixXd W = -llt.solve(Eigen::MatrixXd::Identity(n, n));
    W.noalias() += alpha * alpha.transpose();
    // dK_ab/dlog l_j = q_ab (xs_ja - xs_jb)^2 with q = s2 5/3 (1 + sqrt5 r) exp(-sqrt5 r).
    const Eigen::MatrixXd G = (W.array() * (signal * (5.0 / 3.0) * (1.0 + kSqrt5 * r) * e)).matrix();
    const Eigen::VectorXd rowSums = G.rowwise().sum();
    const Eigen::MatrixXd gx = G * xs.transpose();  // n x d
    gradient->resize(d + 2);
    for (Eigen::Index j = 0; j < d; ++j)
        (*gradient)[j] = xs.row(j).array().square().matrix().dot(rowSums) - xs.row(j).dot(gx.col(j));
    (*gradient)[d] = 0.5 * (W.array() * kf.array()).sum();
    (*gradient)[d + 1] = 0.5 * noise * W.trace();
    return lml;
}

} // namespace tw
