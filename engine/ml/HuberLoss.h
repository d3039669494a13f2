#pragma once
#include "ml/Loss.h"

namespace tw {

// Huber 1964: 0.5 r^2 for |r| <= delta, delta (|r| - 0.5 delta) beyond (PyTorch's HuberLoss),
// summed over the outputs of a sample.
class HuberLoss : public Loss {
public:
    explicit HuberLoss(float delta = 1.0f);
    float delta() const { return m_delta; }
    LossKind kind() const override { return LossKind::Huber; }
    double evaluate(const Eigen::Ref<const Eigen::MatrixXf>& outputs, const LossTargets& targets,
                    float* gradient, float scale) const override;

private:
    float m_delta;
};

} // namespace tw
