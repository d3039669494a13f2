#pragma once
#include "data/ImageShape.h"
#include "ml/Layer.h"

#include <vector>

namespace tw {

// Max pooling over pool x pool windows with stride pool, per channel (PyTorch's
// MaxPool2d(pool) with floor mode: a remainder row or column is dropped). The training
// forward keeps each window's arg-max for the backward pass, which routes the gradient
// there (the first maximum on ties). Pool 2, the common one, keeps none: its backward pass
// finds the same element again from the input and the output, so the forward pass has no
// per-window bookkeeping and vectorises.
class MaxPool2DLayer : public Layer {
public:
    MaxPool2DLayer(ImageShape input, int pool);

    std::string_view kind() const override { return "max_pool2d"; }
    const ImageShape& outputShape() const { return m_out; }
    void reserve(Eigen::Index maxBatch) override;
    void forward(const float* params, const float* buffers, ConstMatrixMap in, MatrixMap out, bool training,
                 std::uint64_t seed) override;
    void backward(const float* params, ConstMatrixMap in, ConstMatrixMap out, MatrixMap dOut, float* dIn,
                  float* grad) override;

private:
    ImageShape m_in;
    ImageShape m_out;
    int m_pool;
    std::vector<int> m_argMax;  // pools other than 2: per output value and sample, the input index in the sample
};

} // namespace tw
