#pragma once
#include <Eigen/Core>

namespace tw {

// The kernel's hyperparameters, all on a log scale so an optimizer may move them freely.
// Packed order (for gradients and bounds): log lengthscales (one per input dimension),
// then log signal variance, then log noise variance.
struct GPHyperparameters {
    Eigen::VectorXd logLengthscales;
    double logSignalVariance = 0.0;
    double logNoiseVariance = -9.21;  // log(1e-4)

    int dimensions() const { return static_cast<int>(logLengthscales.size()); }
    Eigen::VectorXd packed() const;
    static GPHyperparameters fromPacked(const Eigen::VectorXd& packed);
};

// Gaussian-process regression with a Matérn-5/2 ARD kernel (Rasmussen & Williams 2006,
// eq. 4.17 and algorithm 2.1):
//   k(x, x') = s2 (1 + sqrt5 r + 5/3 r^2) exp(-sqrt5 r),  r^2 = sum_j (x_j - x'_j)^2 / l_j^2,
// observed with Gaussian noise of variance n2. Points are the COLUMNS of d x n matrices.
// The Cholesky factor of K + n2 I grows by one row per appended input (O(n^2)), so new
// observations need no refactorization while the hyperparameters stay fixed; targets
// can change at any time (O(n^2)), which lets a caller restandardize or add fantasies.
class GaussianProcess {
public:
    struct Prediction {
        double mean = 0.0;
        double variance = 0.0;  // of the latent function, without the noise
    };

    explicit GaussianProcess(GPHyperparameters hyperparameters);

    const GPHyperparameters& hyperparameters() const { return m_hyper; }
    // Keeps the inputs and refactorizes (O(n^3)); the targets must be set again.
    void setHyperparameters(GPHyperparameters hyperparameters);
    int dimensions() const { return m_hyper.dimensions(); }
    int size() const { return m_n; }

    // Replaces all inputs and factorizes (O(n^3)). Targets must be set afterwards.
    void setInputs(const Eigen::MatrixXd& points);
    // Appends one input, extending the factor by one row (O(n^2)). Targets must be set again.
    void appendInput(const Eigen::VectorXd& x);
    // Keeps the first n inputs: the leading block of a Cholesky factor is the factor of the
    // leading block of K, so nothing is recomputed.
    void truncate(int n);
    // One target per input (O(n^2): two triangular solves).
    void setTargets(const Eigen::VectorXd& y);

    double kernel(const Eigen::VectorXd& a, const Eigen::VectorXd& b) const;
    Prediction predict(const Eigen::VectorXd& x) const;
    // Also the gradients of mean and variance with respect to x (dimensions() entries).
    Prediction predict(const Eigen::VectorXd& x, Eigen::VectorXd& meanGradient,
                       Eigen::VectorXd& varianceGradient) const;
    // Columns of `points` at once; mean and variance are resized to points.cols().
    void predictBatch(const Eigen::MatrixXd& points, Eigen::VectorXd& mean,
                      Eigen::VectorXd& variance) const;

    // The lower Cholesky factor of K + n2 I over the current inputs (a copy, for tests).
    Eigen::MatrixXd factor() const { return m_L.topLeftCorner(m_n, m_n); }
    const Eigen::VectorXd& alpha() const { return m_alpha; }
    // Jitter added to the diagonal beyond the noise when K was not numerically positive
    // definite (0 normally).
    double jitter() const { return m_jitter; }

    // log p(y | X, hyperparameters); gradient (if given) with respect to packed().
    // Returns -infinity when K + n2 I cannot be factorized.
    static double logMarginalLikelihood(const Eigen::MatrixXd& points, const Eigen::VectorXd& y,
                                        const GPHyperparameters& hyperparameters,
                                        Eigen::VectorXd* gradient = nullptr);
    // Noise-free kernel matrix between the columns of a and of b.
    static Eigen::MatrixXd kernelMatrix(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b,
                                        const GPHyperparameters& hyperparameters);

private:
    void reserve(int n);

    GPHyperparameters m_hyper;
    Eigen::VectorXd m_inverseLengthscales;
    double m_signal = 1.0;
    double m_noise = 1e-4;
    double m_jitter = 0.0;
    int m_n = 0;
    Eigen::MatrixXd m_X;  // d x capacity, scaled by the inverse lengthscales
    Eigen::MatrixXd m_L;  // capacity x capacity, lower factor in the leading n x n block
    Eigen::VectorXd m_alpha;
    bool m_hasTargets = false;
};

} // namespace tw
