#pragma once
#include "data/ImageShape.h"
#include "ml/Layer.h"

namespace tw {

// Average pooling over pool x pool windows with stride pool, per channel (PyTorch's
// AvgPool2d(pool), floor mode). The backward pass spreads each gradient evenly.
class AvgPool2DLayer : public Layer {
public:
    AvgPool2DLayer(ImageShape input, int pool);

    std::string_view kind() const override { return "avg_pool2d"; }
    const ImageShape& outputShape() const { return m_out; }
    void forward(const float* params, const float* buffers, ConstMatrixMap in, MatrixMap out, bool training,
                 std::uint64_t seed) override;
    void backward(const float* params, ConstMatrixMap in, ConstMatrixMap out, MatrixMap dOut, float* dIn,
                  float* grad) override;

private:
    ImageShape m_in;
    ImageShape m_out;
    int m_pool;
};

} // namespace tw
