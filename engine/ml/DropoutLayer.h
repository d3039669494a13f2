#pragma once
#include "ml/Layer.h"

namespace tw {

// Inverted dropout, Srivastava et al. 2014: in training each input is kept with
// probability 1 - rate and scaled by 1 / (1 - rate), so inference is the identity.
// The mask is drawn from the seed of each forward call, which makes a run reproducible
// whatever the thread count's split of a batch.
class DropoutLayer : public Layer {
public:
    DropoutLayer(Eigen::Index size, float rate);

    std::string_view kind() const override { return "dropout"; }
    float rate() const { return m_rate; }
    void reserve(Eigen::Index maxBatch) override;
    void forward(const float* params, const float* buffers, ConstMatrixMap in, MatrixMap out,
                 bool training, std::uint64_t seed) override;
    void backward(const float* params, ConstMatrixMap in, ConstMatrixMap out, MatrixMap dOut,
                  float* dIn, float* grad) override;

private:
    float m_rate;
    bool m_masked = false;  // whether the last forward applied a mask
    Eigen::MatrixXf m_mask;  // 0 or 1 / (1 - rate)
};

} // namespace tw
