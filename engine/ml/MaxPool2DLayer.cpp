#include "ml/MaxPool2DLayer.h"

#include "ml/ModelArchitecture.h"

#include <algorithm>
#include <stdexcept>

namespace tw {

MaxPool2DLayer::MaxPool2DLayer(ImageShape input, int pool)
    : Layer(input.size(), pooledShape(input, pool).size()), m_in(input), m_out(pooledShape(input, pool)), m_pool(pool)
{
    if (pool < 1 || !input.isValid() || !m_out.isValid())
        throw std::invalid_argument("MaxPool2DLayer::MaxPool2DLayer(): the pool does not fit the input");
}

void MaxPool2DLayer::reserve(Eigen::Index maxBatch)
{
    m_argMax.resize(static_cast<size_t>(outputSize() * maxBatch));
}

void MaxPool2DLayer::forward(const float*, const float*, ConstMatrixMap in, MatrixMap out, bool training,
                             std::uint64_t)
{
    const Eigen::Index n = in.cols();
    const int p = m_pool, w = m_in.width, ow = m_out.width, oh = m_out.height;
    if (training && m_argMax.size() < static_cast<size_t>(outputSize() * n))
        m_argMax.resize(static_cast<size_t>(outputSize() * n));
    for (Eigen::Index j = 0; j < n; ++j) {
        const float* x = in.data() + j * inputSize();
        float* y = out.data() + j * outputSize();
        int* arg = training ? m_argMax.data() + j * outputSize() : nullptr;
        for (int c = 0; c < m_out.channels; ++c) {
            const int planeIn = c * m_in.height * w;
            for (int oy = 0; oy < oh; ++oy) {
                for (int ox = 0; ox < ow; ++ox) {
                    int best = planeIn + oy * p * w + ox * p;
                    float value = x[best];
                    for (int dy = 0; dy < p; ++dy) {
                        const int row = planeIn + (oy * p + dy) * w + ox * p;
                        for (int dx = 0; dx < p; ++dx) {
                            if (x[row + dx] > value) {
                                value = x[row + dx];
                                best = row + dx;
                            }
                        }
                    }
                    const int o = (c * oh + oy) * ow + ox;
                    y[o] = value;
                    if (arg)
                        arg[o] = best;
                }
            }
        }
    }
}

void MaxPool2DLayer::backward(const float*, ConstMatrixMap in, ConstMatrixMap, MatrixMap dOut, float* dIn, float*)
{
    if (!dIn)
        return;
    const Eigen::Index n = in.cols();
    std::fill(dIn, dIn + inputSize() * n, 0.0f);
    for (Eigen::Index j = 0; j < n; ++j) {
        const float* g = dOut.data() + j * outputSize();
        const int* arg = m_argMax.data() + j * outputSize();
        float* d = dIn + j * inputSize();
        for (Eigen::Index o = 0; o < outputSize(); ++o)
            d[arg[o]] += g[o];
    }
}

} // namespace tw
