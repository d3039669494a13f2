#include "ml/DropoutLayer.h"

#include <cmath>
#include <stdexcept>

namespace tw {

DropoutLayer::DropoutLayer(Eigen::Index size, float rate) : Layer(size, size), m_rate(rate)
{
    if (size < 1)
        throw std::invalid_argument("DropoutLayer::DropoutLayer(): size must be >= 1");
    if (!(rate >= 0.0f && rate < 1.0f))
        throw std::invalid_argument("DropoutLayer::DropoutLayer(): rate must be in [0, 1)");
}

void DropoutLayer::reserve(Eigen::Index maxBatch)
{
    m_mask.resize(outputSize(), maxBatch);
}

void DropoutLayer::forward(const float*, const float*, ConstMatrixMap in, MatrixMap out,
                           bool training, std::uint64_t seed)
{
    m_masked = training && m_rate > 0.0f;
    if (!m_masked) {
        out = in;
        return;
    }
    const Eigen::Index count = in.size();
    float* mask = m_mask.data();
    Random rng(seed);
    // Two 32-bit draws per 64-bit word: keep when the draw is >= rate * 2^32.
    const auto threshold = static_cast<std::uint64_t>(std::ldexp(static_cast<double>(m_rate), 32));
    const float keep = 1.0f / (1.0f - m_rate);
    Eigen::Index i = 0;
    for (; i + 1 < count; i += 2) {
        const std::uint64_t r = rng.next();
        mask[i] = (r & 0xffffffffULL) >= threshold ? keep : 0.0f;
        mask[i + 1] = (r >> 32) >= threshold ? keep : 0.0f;
    }
    if (i < count)
        mask[i] = (rng.next() & 0xffffffffULL) >= threshold ? keep : 0.0f;
    out.array() = in.array() * Eigen::Map<const Eigen::ArrayXXf>(mask, in.rows(), in.cols());
}

void DropoutLayer::backward(const float*, ConstMatrixMap in, ConstMatrixMap, MatrixMap dOut,
                            float* dIn, float*)
{
    if (!dIn)
        return;
    Eigen::Map<Eigen::ArrayXXf> dx(dIn, in.rows(), in.cols());
    if (m_masked)
        dx = dOut.array() * Eigen::Map<const Eigen::ArrayXXf>(m_mask.data(), in.rows(), in.cols());
    else
        dx = dOut.array();
}

} // namespace tw
