#pragma once
#include "ml/Loss.h"

namespace tw {

// Squared error summed over the outputs: (z - y)^2 per sample, so the mean over a batch is
// PyTorch's MSELoss for one output. Several outputs need soft (outputs x n) targets.
class MseLoss : public Loss {
public:
    LossKind kind() const override { return LossKind::Mse; }
    double evaluate(const Eigen::Ref<const Eigen::MatrixXf>& outputs, const LossTargets& targets,
                    float* gradient, float scale) const override;
};

} // namespace tw
