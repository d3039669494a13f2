#pragma once
#include "ml/Layer.h"

namespace tw {

// The bridge from feature maps to dense layers. A sample's C x H x W maps are already one
// contiguous column, channels first (PyTorch's flatten(1) order), so this layer copies:
// it is there so that a model's layer list says where the dense part starts.
class FlattenLayer : public Layer {
public:
    explicit FlattenLayer(Eigen::Index size);

    std::string_view kind() const override { return "flatten"; }
    void forward(const float* params, const float* buffers, ConstMatrixMap in, MatrixMap out, bool training,
                 std::uint64_t seed) override;
    void backward(const float* params, ConstMatrixMap in, ConstMatrixMap out, MatrixMap dOut, float* dIn,
                  float* grad) override;
};

} // namespace tw
