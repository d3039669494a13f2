// GCC 12 warns inside its own AVX-512 intrinsics (_mm512_undefined_ps) when Eigen's GEMM
// kernels are inlined here with -march=native; the warning is about the compiler's header.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include "ml/DenseLayer.h"

#include "ml/SmallProduct.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace tw {

DenseLayer::DenseLayer(Eigen::Index inputs, Eigen::Index outputs, Activation activation,
                       float leakySlope, WeightInit init)
    : Layer(inputs, outputs), m_activation(activation), m_leakySlope(leakySlope), m_init(init)
{
    if (inputs < 1 || outputs < 1)
        throw std::invalid_argument("DenseLayer::DenseLayer(): sizes must be >= 1");
    if (init == WeightInit::Auto)
        throw std::invalid_argument("DenseLayer::DenseLayer(): resolve WeightInit::Auto first");
}

std::vector<ParameterBlock> DenseLayer::parameterBlocks() const
{
    return {{"weight", 0, outputSize(), inputSize(), true},
            {"bias", outputSize() * inputSize(), outputSize(), 1, false}};
}

void DenseLayer::initializeParameters(float* params, Random& rng) const
{
    const Eigen::Index n = outputSize() * inputSize();
    const auto fanIn = static_cast<double>(inputSize());
    const auto fanOut = static_cast<double>(outputSize());
    if (m_init == WeightInit::He) {
        const double slope = m_activation == Activation::LeakyReLU ? m_leakySlope : 0.0;
        const double stddev = std::sqrt(2.0 / ((1.0 + slope * slope) * fanIn));
        for (Eigen::Index i = 0; i < n; ++i)
            params[i] = static_cast<float>(stddev * rng.normal());
    } else {
        const double limit = std::sqrt(6.0 / (fanIn + fanOut));
        for (Eigen::Index i = 0; i < n; ++i)
            params[i] = static_cast<float>(limit * (2.0 * rng.uniform01() - 1.0));
    }
    std::fill(params + n, params + n + outputSize(), 0.0f);
}

void DenseLayer::reserve(Eigen::Index maxBatch)
{
    // W^T for a narrow forward, or dW^T for a narrow weight gradient: inputs x outputs.
    if (outputSize() <= SmallProduct::kNarrow)
        m_narrowScratch.resize(inputSize(), outputSize());
    if (activationNeedsPreActivation(m_activation))
        m_preActivation.resize(outputSize(), maxBatch);
}

void DenseLayer::forward(const float* params, const float*, ConstMatrixMap in, MatrixMap out,
                         bool, std::uint64_t)
{
    const ConstMatrixMap w(params, outputSize(), inputSize());
    const Eigen::Index n = in.cols();
    if (m_narrowScratch.size() && SmallProduct::fits(outputSize(), inputSize(), n)) {
        // A few outputs (classes): dot products of W's rows, copied once as columns, with
        // the samples.
        m_narrowScratch = w.transpose();
        SmallProduct::multiplyTransposedLeft(m_narrowScratch.data(), in.data(), out.data(), outputSize(),
                                             inputSize(), n);
    } else {
        out.noalias() = w * in;
    }
    float* pre = activationNeedsPreActivation(m_activation) ? m_preActivation.data() : nullptr;
    applyActivation(m_activation, m_leakySlope, out, params + w.size(), pre);
}

void DenseLayer::backward(const float* params, ConstMatrixMap in, ConstMatrixMap out,
                          MatrixMap dOut, float* dIn, float* grad)
{
    const Eigen::Index n = in.cols();
    multiplyActivationDerivative(m_activation, m_leakySlope, out,
                                 m_preActivation.size() ? m_preActivation.data() : nullptr, dOut);
    MatrixMap dw(grad, outputSize(), inputSize());
    if (inputSize() <= SmallProduct::kNarrow && SmallProduct::fits(outputSize(), n, inputSize())) {
        SmallProduct::multiplyTransposedRight(dOut.data(), in.data(), dw.data(), outputSize(), n, inputSize());
    } else if (m_narrowScratch.size() && SmallProduct::fits(inputSize(), n, outputSize())) {
        // dW^T = in dOut^T has a few columns.
        SmallProduct::multiplyTransposedRight(in.data(), dOut.data(), m_narrowScratch.data(), inputSize(), n,
                                              outputSize());
        dw = m_narrowScratch.transpose();
    } else {
        dw.noalias() = dOut * in.transpose();
    }
    // The bias gradient sums the columns; adding whole columns keeps it vectorised, where
    // a row-wise sum of a column-major matrix would stride.
    Eigen::Map<Eigen::VectorXf> db(grad + dw.size(), outputSize());
    if (n == 0) {
        db.setZero();
    } else {
        db = dOut.col(0);
        for (Eigen::Index j = 1; j < n; ++j)
            db += dOut.col(j);
    }
    if (dIn) {
        const ConstMatrixMap w(params, outputSize(), inputSize());
        if (inputSize() <= SmallProduct::kNarrow && SmallProduct::fits(inputSize(), outputSize(), n))
            SmallProduct::multiplyTransposedLeft(w.data(), dOut.data(), dIn, inputSize(), outputSize(), n);
        else
            MatrixMap(dIn, inputSize(), n).noalias() = w.transpose() * dOut;
    }
}

} // namespace tw
