#include "ml/BatchNorm2DLayer.h"

#include <cmath>
#include <stdexcept>

namespace tw {

BatchNorm2DLayer::BatchNorm2DLayer(ImageShape shape, Activation activation, float leakySlope)
    : Layer(shape.size(), shape.size()), m_shape(shape), m_activation(activation), m_leakySlope(leakySlope)
{
    if (!shape.isValid())
        throw std::invalid_argument("BatchNorm2DLayer::BatchNorm2DLayer(): invalid shape");
    m_invStd.setZero(shape.channels);
    m_batchMean.setZero(shape.channels);
    m_batchVariance.setOnes(shape.channels);
}

std::vector<ParameterBlock> BatchNorm2DLayer::parameterBlocks() const
{
    return {{"gamma", 0, channels(), 1, false}, {"beta", channels(), channels(), 1, false}};
}

std::vector<ParameterBlock> BatchNorm2DLayer::bufferBlocks() const
{
    return {{"running_mean", 0, channels(), 1, false}, {"running_var", channels(), channels(), 1, false}};
}

void BatchNorm2DLayer::initializeParameters(float* params, Random&) const
{
    Eigen::Map<Eigen::ArrayXf>(params, channels()).setOnes();
    Eigen::Map<Eigen::ArrayXf>(params + channels(), channels()).setZero();
}

void BatchNorm2DLayer::initializeBuffers(float* buffers) const
{
    Eigen::Map<Eigen::ArrayXf>(buffers, channels()).setZero();
    Eigen::Map<Eigen::ArrayXf>(buffers + channels(), channels()).setOnes();
}

void BatchNorm2DLayer::reserve(Eigen::Index maxBatch)
{
    m_normalized.resize(outputSize(), maxBatch);
    if (activationNeedsPreActivation(m_activation))
        m_preActivation.resize(outputSize(), maxBatch);
}

void BatchNorm2DLayer::forward(const float* params, const float* buffers, ConstMatrixMap in, MatrixMap out,
                               bool training, std::uint64_t)
{
    const Eigen::Index c = channels();
    const Eigen::Index plane = m_shape.plane();
    const Eigen::Index n = in.cols();
    const Eigen::Map<const Eigen::ArrayXf> gamma(params, c);
    const Eigen::Map<const Eigen::ArrayXf> beta(params + c, c);
    const auto seg = [&](auto& m, Eigen::Index j, Eigen::Index ch) { return m.col(j).segment(ch * plane, plane).array(); };
    if (training && n > 0) {
        const double count = static_cast<double>(n) * static_cast<double>(plane);
        for (Eigen::Index ch = 0; ch < c; ++ch) {
            // Two passes (mean, then squared deviations), in double across the batch.
            double sum = 0.0;
            for (Eigen::Index j = 0; j < n; ++j)
                sum += seg(in, j, ch).sum();
            const float mean = static_cast<float>(sum / count);
            double squares = 0.0;
            for (Eigen::Index j = 0; j < n; ++j)
                squares += (seg(in, j, ch) - mean).square().sum();
            const double variance = squares / count;
            const float invStd = static_cast<float>(1.0 / std::sqrt(variance + kEpsilon));
            m_batchMean(ch) = mean;
            m_batchVariance(ch) = static_cast<float>(count > 1.0 ? variance * count / (count - 1.0) : variance);
            m_invStd(ch) = invStd;
            const float g = gamma(ch), b = beta(ch);
            for (Eigen::Index j = 0; j < n; ++j) {
                auto xhat = seg(m_normalized, j, ch);
                xhat = (seg(in, j, ch) - mean) * invStd;
                seg(out, j, ch) = g * xhat + b;
            }
        }
    } else {
        // The running statistics; x-hat is kept (when reserved) so that backward() also
        // works after an inference forward, as a frozen normalisation.
        const Eigen::Map<const Eigen::ArrayXf> mean(buffers, c);
        const Eigen::Map<const Eigen::ArrayXf> var(buffers + c, c);
        m_invStd = (var + kEpsilon).rsqrt();
        const bool keep = m_normalized.cols() >= n;
        for (Eigen::Index j = 0; j < n; ++j)
            for (Eigen::Index ch = 0; ch < c; ++ch) {
                if (keep) {
                    auto xhat = seg(m_normalized, j, ch);
                    xhat = (seg(in, j, ch) - mean(ch)) * m_invStd(ch);
                    seg(out, j, ch) = gamma(ch) * xhat + beta(ch);
                } else {
                    seg(out, j, ch) = (seg(in, j, ch) - mean(ch)) * (m_invStd(ch) * gamma(ch)) + beta(ch);
                }
            }
    }
    m_training = training;
    float* pre = activationNeedsPreActivation(m_activation) ? m_preActivation.data() : nullptr;
    applyActivation(m_activation, m_leakySlope, out, nullptr, pre);
}

void BatchNorm2DLayer::backward(const float* params, ConstMatrixMap in, ConstMatrixMap out, MatrixMap dOut,
                                float* dIn, float* grad)
{
    const Eigen::Index c = channels();
    const Eigen::Index plane = m_shape.plane();
    const Eigen::Index n = in.cols();
    multiplyActivationDerivative(m_activation, m_leakySlope, out,
                                 m_preActivation.size() ? m_preActivation.data() : nullptr, dOut);
    const auto seg = [&](auto& m, Eigen::Index j, Eigen::Index ch) { return m.col(j).segment(ch * plane, plane).array(); };
    Eigen::Map<Eigen::ArrayXf> dGamma(grad, c);
    Eigen::Map<Eigen::ArrayXf> dBeta(grad + c, c);
    for (Eigen::Index ch = 0; ch < c; ++ch) {
        double dg = 0.0, db = 0.0;
        for (Eigen::Index j = 0; j < n; ++j) {
            dg += (seg(dOut, j, ch) * seg(m_normalized, j, ch)).sum();
            db += seg(dOut, j, ch).sum();
        }
        dGamma(ch) = static_cast<float>(dg);
        dBeta(ch) = static_cast<float>(db);
    }
    if (!dIn || n == 0)
        return;
    const Eigen::Map<const Eigen::ArrayXf> gamma(params, c);
    MatrixMap dx(dIn, outputSize(), n);
    if (!m_training) {
        for (Eigen::Index ch = 0; ch < c; ++ch)
            for (Eigen::Index j = 0; j < n; ++j)
                seg(dx, j, ch) = seg(dOut, j, ch) * (gamma(ch) * m_invStd(ch));
        return;
    }
    const auto m = static_cast<float>(n * plane);
    for (Eigen::Index ch = 0; ch < c; ++ch) {
        const float scale = gamma(ch) * m_invStd(ch) / m;
        const float dg = dGamma(ch), db = dBeta(ch);
        for (Eigen::Index j = 0; j < n; ++j)
            seg(dx, j, ch) = scale * (m * seg(dOut, j, ch) - db - seg(m_normalized, j, ch) * dg);
    }
}

void BatchNorm2DLayer::batchStatistics(float* out) const
{
    Eigen::Map<Eigen::ArrayXf>(out, channels()) = m_batchMean;
    Eigen::Map<Eigen::ArrayXf>(out + channels(), channels()) = m_batchVariance;
}

} // namespace tw
