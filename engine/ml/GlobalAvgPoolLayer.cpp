#include "ml/GlobalAvgPoolLayer.h"

#include <stdexcept>

namespace tw {

GlobalAvgPoolLayer::GlobalAvgPoolLayer(ImageShape input) : Layer(input.size(), input.channels), m_in(input)
{
    if (!input.isValid())
        throw std::invalid_argument("GlobalAvgPoolLayer::GlobalAvgPoolLayer(): invalid input shape");
}

void GlobalAvgPoolLayer::forward(const float*, const float*, ConstMatrixMap in, MatrixMap out, bool, std::uint64_t)
{
    const Eigen::Index plane = m_in.plane();
    const float scale = 1.0f / static_cast<float>(plane);
    for (Eigen::Index j = 0; j < in.cols(); ++j)
        for (Eigen::Index c = 0; c < m_in.channels; ++c)
            out(c, j) = in.col(j).segment(c * plane, plane).sum() * scale;
}

void GlobalAvgPoolLayer::backward(const float*, ConstMatrixMap in, ConstMatrixMap, MatrixMap dOut, float* dIn, float*)
{
    if (!dIn)
        return;
    const Eigen::Index plane = m_in.plane();
    const float scale = 1.0f / static_cast<float>(plane);
    MatrixMap dx(dIn, inputSize(), in.cols());
    for (Eigen::Index j = 0; j < in.cols(); ++j)
        for (Eigen::Index c = 0; c < m_in.channels; ++c)
            dx.col(j).segment(c * plane, plane).setConstant(dOut(c, j) * scale);
}

} // namespace tw
