#pragma once
#include "data/ImageShape.h"
#include "ml/Layer.h"

namespace tw {

// The mean of each channel's map: C x H x W -> C (PyTorch's AdaptiveAvgPool2d(1) then
// flatten).
class GlobalAvgPoolLayer : public Layer {
public:
    explicit GlobalAvgPoolLayer(ImageShape input);

    std::string_view kind() const override { return "global_avg_pool"; }
    void forward(const float* params, const float* buffers, ConstMatrixMap in, MatrixMap out, bool training,
                 std::uint64_t seed) override;
    void backward(const float* params, ConstMatrixMap in, ConstMatrixMap out, MatrixMap dOut, float* dIn,
                  float* grad) override;

private:
    ImageShape m_in;
};

} // namespace tw
