#include "ml/FlattenLayer.h"

#include <stdexcept>

namespace tw {

FlattenLayer::FlattenLayer(Eigen::Index size) : Layer(size, size)
{
    if (size < 1)
        throw std::invalid_argument("FlattenLayer::FlattenLayer(): size must be >= 1");
}

void FlattenLayer::forward(const float*, const float*, ConstMatrixMap in, MatrixMap out, bool, std::uint64_t)
{
    out = in;
}

void FlattenLayer::backward(const float*, ConstMatrixMap in, ConstMatrixMap, MatrixMap dOut, float* dIn, float*)
{
    if (dIn)
        MatrixMap(dIn, in.rows(), in.cols()) = dOut;
}

} // namespace tw
