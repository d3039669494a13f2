#pragma once
#include "ml/Loss.h"

namespace tw {

// Softmax cross-entropy on k logits per sample with a stable log-sum-exp:
// sum_i t_i (lse(z) - z_i), where t is the one-hot target, or the soft target, mixed with
// the uniform distribution by label smoothing (Szegedy et al. 2016): t' = (1 - e) t + e / k.
// The gradient is softmax(z) sum(t') - t'.
class SoftmaxCrossEntropyLoss : public Loss {
public:
    explicit SoftmaxCrossEntropyLoss(float labelSmoothing = 0.0f);
    float labelSmoothing() const { return m_smoothing; }
    LossKind kind() const override { return LossKind::SoftmaxCrossEntropy; }
    double evaluate(const Eigen::Ref<const Eigen::MatrixXf>& outputs, const LossTargets& targets,
                    float* gradient, float scale) const override;

private:
    float m_smoothing;
};

} // namespace tw
