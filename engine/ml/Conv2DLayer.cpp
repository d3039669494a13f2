// GCC 12 warns inside its own AVX-512 intrinsics (_mm512_undefined_ps) when Eigen's GEMM
// kernels are inlined here with -march=native; the warning is about the compiler's header.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include "ml/Conv2DLayer.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace tw {

Conv2DLayer::Conv2DLayer(ImageShape input, int filters, int kernel, int stride, Padding padding,
                         Activation activation, float leakySlope, WeightInit init)
    : Layer(input.size(), convolvedShape(input, filters, kernel, stride, padding).size()),
      m_in(input),
      m_out(convolvedShape(input, filters, kernel, stride, padding)),
      m_kernel(kernel),
      m_stride(stride),
      m_activation(activation),
      m_leakySlope(leakySlope),
      m_init(init)
{
    if (!input.isValid() || filters < 1 || kernel < 1 || kernel % 2 == 0 || stride < 1)
        throw std::invalid_argument("Conv2DLayer::Conv2DLayer(): invalid shape, filters, kernel or stride");
    if (!m_out.isValid())
        throw std::invalid_argument("Conv2DLayer::Conv2DLayer(): the kernel does not fit the input");
    if (init == WeightInit::Auto)
        throw std::invalid_argument("Conv2DLayer::Conv2DLayer(): resolve WeightInit::Auto first");
    if (padding == Padding::Same) {
        // TensorFlow's split (PyTorch's for stride 1): the odd pixel goes to the bottom/right.
        const int padH = std::max((m_out.height - 1) * stride + kernel - input.height, 0);
        const int padW = std::max((m_out.width - 1) * stride + kernel - input.width, 0);
        m_padTop = padH / 2;
        m_padLeft = padW / 2;
    }
}

std::vector<ParameterBlock> Conv2DLayer::parameterBlocks() const
{
    const Eigen::Index k = patchSize();
    return {{"weight", 0, k, m_out.channels, true}, {"bias", k * m_out.channels, m_out.channels, 1, false}};
}

void Conv2DLayer::initializeParameters(float* params, Random& rng) const
{
    const Eigen::Index n = patchSize() * m_out.channels;
    const auto fanIn = static_cast<double>(patchSize());
    const auto fanOut = static_cast<double>(m_out.channels) * m_kernel * m_kernel;
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
    std::fill(params + n, params + n + m_out.channels, 0.0f);
}

void Conv2DLayer::reserve(Eigen::Index maxBatch)
{
    const Eigen::Index positions = m_out.plane();
    m_chunk = std::clamp<Eigen::Index>(kChunkRows / positions, 1, std::max<Eigen::Index>(maxBatch, 1));
    m_patches.resize(m_chunk * positions, patchSize());
    m_result.resize(m_chunk * positions, m_out.channels);
    if (activationNeedsPreActivation(m_activation))
        m_preActivation.resize(outputSize(), maxBatch);
}

void Conv2DLayer::im2col(const float* in, Eigen::Index first, Eigen::Index count)
{
    const int h = m_in.height, w = m_in.width, k = m_kernel, s = m_stride;
    const int oh = m_out.height, ow = m_out.width;
    const Eigen::Index positions = m_out.plane();
    const Eigen::Index ld = m_patches.rows();
    for (int c = 0; c < m_in.channels; ++c) {
        for (int ky = 0; ky < k; ++ky) {
            for (int kx = 0; kx < k; ++kx) {
                float* column = m_patches.data() + ((static_cast<Eigen::Index>(c) * k + ky) * k + kx) * ld;
                // The output columns ox whose input column ox * s - padLeft + kx is inside.
                const int dx = kx - m_padLeft;
                const int oxBegin = dx >= 0 ? 0 : (-dx + s - 1) / s;
                const int oxEnd = w - 1 - dx < 0 ? 0 : std::min((w - 1 - dx) / s + 1, ow);
                for (Eigen::Index j = 0; j < count; ++j) {
                    const float* plane = in + (first + j) * inputSize() + static_cast<Eigen::Index>(c) * h * w;
                    float* dst = column + j * positions;
                    // Rows are short (14 values for a 28 x 28 input pooled once): plain
                    // loops, kept inline (CMakeLists.txt stops GCC from turning them into
                    // memcpy/memset calls, whose call cost is most of a 56-byte copy).
                    for (int oy = 0; oy < oh; ++oy, dst += ow) {
                        const int iy = oy * s - m_padTop + ky;
                        if (iy < 0 || iy >= h || oxBegin >= oxEnd) {
                            for (int ox = 0; ox < ow; ++ox)
                                dst[ox] = 0.0f;
                            continue;
                        }
                        const float* src = plane + static_cast<Eigen::Index>(iy) * w + dx;
                        for (int ox = 0; ox < oxBegin; ++ox)
                            dst[ox] = 0.0f;
                        if (s == 1) {
                            for (int ox = oxBegin; ox < oxEnd; ++ox)
                                dst[ox] = src[ox];
                        } else {
                            for (int ox = oxBegin; ox < oxEnd; ++ox)
                                dst[ox] = src[ox * s];
                        }
                        for (int ox = oxEnd; ox < ow; ++ox)
                            dst[ox] = 0.0f;
                    }
                }
            }
        }
    }
}

void Conv2DLayer::col2im(float* dIn, Eigen::Index first, Eigen::Index count) const
{
    const int h = m_in.height, w = m_in.width, k = m_kernel, s = m_stride;
    const int oh = m_out.height, ow = m_out.width;
    const Eigen::Index positions = m_out.plane();
    const Eigen::Index ld = m_patches.rows();
    for (Eigen::Index j = 0; j < count; ++j)
        std::fill(dIn + (first + j) * inputSize(), dIn + (first + j + 1) * inputSize(), 0.0f);
    for (int c = 0; c < m_in.channels; ++c) {
        for (int ky = 0; ky < k; ++ky) {
            for (int kx = 0; kx < k; ++kx) {
                const float* column = m_patches.data() + ((static_cast<Eigen::Index>(c) * k + ky) * k + kx) * ld;
                const int dx = kx - m_padLeft;
                const int oxBegin = dx >= 0 ? 0 : (-dx + s - 1) / s;
                const int oxEnd = w - 1 - dx < 0 ? 0 : std::min((w - 1 - dx) / s + 1, ow);
                if (oxBegin >= oxEnd)
                    continue;
                for (Eigen::Index j = 0; j < count; ++j) {
                    float* plane = dIn + (first + j) * inputSize() + static_cast<Eigen::Index>(c) * h * w;
                    const float* src = column + j * positions;
                    for (int oy = 0; oy < oh; ++oy, src += ow) {
                        const int iy = oy * s - m_padTop + ky;
                        if (iy < 0 || iy >= h)
                            continue;
                        float* dst = plane + static_cast<Eigen::Index>(iy) * w + dx;
                        if (s == 1) {
                            for (int ox = oxBegin; ox < oxEnd; ++ox)
                                dst[ox] += src[ox];
                        } else {
                            for (int ox = oxBegin; ox < oxEnd; ++ox)
                                dst[ox * s] += src[ox];
                        }
                    }
                }
            }
        }
    }
}

void Conv2DLayer::forward(const float* params, const float*, ConstMatrixMap in, MatrixMap out, bool,
                          std::uint64_t)
{
    const Eigen::Index n = in.cols();
    const Eigen::Index positions = m_out.plane();
    const Eigen::Index filters = m_out.channels;
    const ConstMatrixMap weight(params, patchSize(), filters);
    const float* bias = params + weight.size();
    for (Eigen::Index first = 0; first < n; first += m_chunk) {
        const Eigen::Index count = std::min(m_chunk, n - first);
        im2col(in.data(), first, count);
        const Eigen::Index rows = count * positions;
        if (count == 1) {
            // One sample: positions x filters column-major is already its output layout.
            MatrixMap y(out.data() + first * outputSize(), positions, filters);
            y.noalias() = m_patches.topRows(rows) * weight;
            for (Eigen::Index f = 0; f < filters; ++f)
                y.col(f).array() += bias[f];
            continue;
        }
        m_result.topRows(rows).noalias() = m_patches.topRows(rows) * weight;
        // Rows of sample j, filter f -> that sample's plane f, with the bias.
        for (Eigen::Index j = 0; j < count; ++j) {
            float* y = out.data() + (first + j) * outputSize();
            for (Eigen::Index f = 0; f < filters; ++f) {
                const float* r = m_result.data() + f * m_result.rows() + j * positions;
                const float b = bias[f];
                float* dst = y + f * positions;
                for (Eigen::Index p = 0; p < positions; ++p)
                    dst[p] = r[p] + b;
            }
        }
    }
    float* pre = activationNeedsPreActivation(m_activation) ? m_preActivation.data() : nullptr;
    applyActivation(m_activation, m_leakySlope, out, nullptr, pre);
}

void Conv2DLayer::backward(const float* params, ConstMatrixMap in, ConstMatrixMap out, MatrixMap dOut,
                           float* dIn, float* grad)
{
    const Eigen::Index n = in.cols();
    const Eigen::Index positions = m_out.plane();
    const Eigen::Index filters = m_out.channels;
    multiplyActivationDerivative(m_activation, m_leakySlope, out,
                                 m_preActivation.size() ? m_preActivation.data() : nullptr, dOut);
    const ConstMatrixMap weight(params, patchSize(), filters);
    MatrixMap dw(grad, patchSize(), filters);
    Eigen::Map<Eigen::VectorXf> db(grad + dw.size(), filters);
    dw.setZero();
    db.setZero();
    for (Eigen::Index first = 0; first < n; first += m_chunk) {
        const Eigen::Index count = std::min(m_chunk, n - first);
        const Eigen::Index rows = count * positions;
        if (count == 1) {
            // One sample: its output gradient (positions x filters, column-major) is the
            // GEMM's operand as it is.
            const ConstMatrixMap dy(dOut.data() + first * outputSize(), positions, filters);
            db += dy.colwise().sum().transpose();
            im2col(in.data(), first, 1);
            dw.noalias() += m_patches.topRows(rows).transpose() * dy;
            if (dIn) {
                m_patches.topRows(rows).noalias() = dy * weight.transpose();
                col2im(dIn, first, 1);
            }
            continue;
        }
        // dY: the chunk's output gradients in the GEMM's layout (positions of all its
        // samples down, filters across), and the bias gradient.
        for (Eigen::Index j = 0; j < count; ++j) {
            const float* g = dOut.data() + (first + j) * outputSize();
            for (Eigen::Index f = 0; f < filters; ++f) {
                const float* src = g + f * positions;
                float* dst = m_result.data() + f * m_result.rows() + j * positions;
                float sum = 0.0f;
                for (Eigen::Index p = 0; p < positions; ++p) {
                    dst[p] = src[p];
                    sum += src[p];
                }
                db(f) += sum;
            }
        }
        im2col(in.data(), first, count);
        dw.noalias() += m_patches.topRows(rows).transpose() * m_result.topRows(rows);
        if (dIn) {
            m_patches.topRows(rows).noalias() = m_result.topRows(rows) * weight.transpose();
            col2im(dIn, first, count);
        }
    }
}

} // namespace tw
