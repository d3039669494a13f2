#pragma once
#include "ml/Loss.h"

namespace tw {

// Binary cross-entropy on one logit z per sample, in the stable form
// max(z, 0) - z y + log(1 + exp(-|z|)) (PyTorch's BCEWithLogitsLoss). The target y is the
// class (0 or 1) or, with soft targets, P(class 1): the last row of a 2 x n (or 1 x n)
// soft matrix.
class BinaryCrossEntropyLoss : public Loss {
public:
    LossKind kind() const override { return LossKind::BinaryCrossEntropy; }
    double evaluate(const Eigen::Ref<const Eigen::MatrixXf>& outputs, const LossTargets& targets,
                    float* gradient, float scale) const override;
};

} // namespace tw
