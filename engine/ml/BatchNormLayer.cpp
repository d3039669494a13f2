#include "ml/BatchNormLayer.h"

#include <stdexcept>

namespace tw {

BatchNormLayer::BatchNormLayer(Eigen::Index size, Activation activation, float leakySlope)
    : Layer(size, size), m_activation(activation), m_leakySlope(leakySlope)
{
    if (size < 1)
        throw std::invalid_argument("BatchNormLayer::BatchNormLayer(): size must be >= 1");
    m_invStd.setZero(size);
    m_batchMean.setZero(size);
    m_batchVariance.setOnes(size);
}

std::vector<ParameterBlock> BatchNormLayer::parameterBlocks() const
{
    return {{"gamma", 0, outputSize(), 1, false}, {"beta", outputSize(), outputSize(), 1, false}};
}

std::vector<ParameterBlock> BatchNormLayer::bufferBlocks() const
{
    return {{"running_mean", 0, outputSize(), 1, false},
            {"running_var", outputSize(), outputSize(), 1, false}};
}

void BatchNormLayer::initializeParameters(float* params, Random&) const
{
    Eigen::Map<Eigen::ArrayXf>(params, outputSize()).setOnes();
    Eigen::Map<Eigen::ArrayXf>(params + outputSize(), outputSize()).setZero();
}

void BatchNormLayer::initializeBuffers(float* buffers) const
{
    Eigen::Map<Eigen::ArrayXf>(buffers, outputSize()).setZero();
    Eigen::Map<Eigen::ArrayXf>(buffers + outputSize(), outputSize()).setOnes();
}

void BatchNormLayer::reserve(Eigen::Index maxBatch)
{
    m_normalized.resize(outputSize(), maxBatch);
    if (activationNeedsPreActivation(m_activation))
        m_preActivation.resize(outputSize(), maxBatch);
}

void BatchNormLayer::forward(const float* params, const float* buffers, ConstMatrixMap in,
                             MatrixMap out, bool training, std::uint64_t)
{
    const Eigen::Index size = outputSize();
    const Eigen::Index n = in.cols();
    const Eigen::Map<const Eigen::ArrayXf> gamma(params, size);
    const Eigen::Map<const Eigen::ArrayXf> beta(params + size, size);
    if (training && n > 0) {
        // Two passes (mean, then squared deviations): stable where E[x^2] - E[x]^2 is not.
        m_batchMean.setZero();
        for (Eigen::Index j = 0; j < n; ++j)
            m_batchMean += in.col(j).array();
        m_batchMean /= static_cast<float>(n);
        Eigen::ArrayXf variance = Eigen::ArrayXf::Zero(size);
        for (Eigen::Index j = 0; j < n; ++j)
            variance += (in.col(j).array() - m_batchMean).square();
        variance /= static_cast<float>(n);
        m_invStd = (variance + kEpsilon).rsqrt();
        m_batchVariance = n > 1 ? (variance * (static_cast<float>(n) / static_cast<float>(n - 1))).eval()
                                : variance;
        for (Eigen::Index j = 0; j < n; ++j) {
            auto xhat = m_normalized.col(j).array();
            xhat = (in.col(j).array() - m_batchMean) * m_invStd;
            out.col(j).array() = gamma * xhat + beta;
        }
    } else {
        const Eigen::Map<const Eigen::ArrayXf> mean(buffers, size);
        const Eigen::Map<const Eigen::ArrayXf> var(buffers + size, size);
        // y = x * scale + shift with scale = gamma / sqrt(var + eps).
        const Eigen::ArrayXf scale = gamma * (var + kEpsilon).rsqrt();
        const Eigen::ArrayXf shift = beta - mean * scale;
        for (Eigen::Index j = 0; j < n; ++j)
            out.col(j).array() = in.col(j).array() * scale + shift;
    }
    float* pre = activationNeedsPreActivation(m_activation) ? m_preActivation.data() : nullptr;
    applyActivation(m_activation, m_leakySlope, out, nullptr, pre);
}

void BatchNormLayer::backward(const float* params, ConstMatrixMap in, ConstMatrixMap out,
                              MatrixMap dOut, float* dIn, float* grad)
{
    const Eigen::Index size = outputSize();
    const Eigen::Index n = in.cols();
    multiplyActivationDerivative(m_activation, m_leakySlope, out,
                                 m_preActivation.size() ? m_preActivation.data() : nullptr, dOut);
    Eigen::Map<Eigen::ArrayXf> dGamma(grad, size);
    Eigen::Map<Eigen::ArrayXf> dBeta(grad + size, size);
    dGamma.setZero();
    dBeta.setZero();
    for (Eigen::Index j = 0; j < n; ++j) {
        dGamma += dOut.col(j).array() * m_normalized.col(j).array();
        dBeta += dOut.col(j).array();
    }
    if (!dIn || n == 0)
        return;
    const Eigen::Map<const Eigen::ArrayXf> gamma(params, size);
    const auto fn = static_cast<float>(n);
    const Eigen::ArrayXf scale = gamma * m_invStd / fn;
    MatrixMap dx(dIn, size, n);
    for (Eigen::Index j = 0; j < n; ++j)
        dx.col(j).array() =
            scale * (fn * dOut.col(j).array() - dBeta - m_normalized.col(j).array() * dGamma);
}

void BatchNormLayer::batchStatistics(float* out) const
{
    Eigen::Map<Eigen::ArrayXf>(out, outputSize()) = m_batchMean;
    Eigen::Map<Eigen::ArrayXf>(out + outputSize(), outputSize()) = m_batchVariance;
}

} // namespace tw
