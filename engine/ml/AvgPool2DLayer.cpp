#include "ml/AvgPool2DLayer.h"

#include "ml/ModelArchitecture.h"

#include <algorithm>
#include <stdexcept>

namespace tw {

AvgPool2DLayer::AvgPool2DLayer(ImageShape input, int pool)
    : Layer(input.size(), pooledShape(input, pool).size()), m_in(input), m_out(pooledShape(input, pool)), m_pool(pool)
{
    if (pool < 1 || !input.isValid() || !m_out.isValid())
        throw std::invalid_argument("AvgPool2DLayer::AvgPool2DLayer(): the pool does not fit the input");
}

void AvgPool2DLayer::forward(const float*, const float*, ConstMatrixMap in, MatrixMap out, bool, std::uint64_t)
{
    const Eigen::Index n = in.cols();
    const int p = m_pool, w = m_in.width, ow = m_out.width, oh = m_out.height;
    const float scale = 1.0f / static_cast<float>(p * p);
    for (Eigen::Index j = 0; j < n; ++j) {
        const float* x = in.data() + j * inputSize();
        float* y = out.data() + j * outputSize();
        for (int c = 0; c < m_out.channels; ++c) {
            const int planeIn = c * m_in.height * w;
            for (int oy = 0; oy < oh; ++oy) {
                for (int ox = 0; ox < ow; ++ox) {
                    float sum = 0.0f;
                    for (int dy = 0; dy < p; ++dy) {
                        const float* row = x + planeIn + (oy * p + dy) * w + ox * p;
                        for (int dx = 0; dx < p; ++dx)
                            sum += row[dx];
                    }
                    y[(c * oh + oy) * ow + ox] = sum * scale;
                }
            }
        }
    }
}

void AvgPool2DLayer::backward(const float*, ConstMatrixMap in, ConstMatrixMap, MatrixMap dOut, float* dIn, float*)
{
    if (!dIn)
        return;
    const Eigen::Index n = in.cols();
    const int p = m_pool, w = m_in.width, ow = m_out.width, oh = m_out.height;
    const float scale = 1.0f / static_cast<float>(p * p);
    std::fill(dIn, dIn + inputSize() * n, 0.0f);
    for (Eigen::Index j = 0; j < n; ++j) {
        const float* g = dOut.data() + j * outputSize();
        float* d = dIn + j * inputSize();
        for (int c = 0; c < m_out.channels; ++c) {
            const int planeIn = c * m_in.height * w;
            for (int oy = 0; oy < oh; ++oy) {
                for (int ox = 0; ox < ow; ++ox) {
                    const float v = g[(c * oh + oy) * ow + ox] * scale;
                    for (int dy = 0; dy < p; ++dy) {
                        float* row = d + planeIn + (oy * p + dy) * w + ox * p;
                        for (int dx = 0; dx < p; ++dx)
                            row[dx] += v;
                    }
                }
            }
        }
    }
}

} // namespace tw
