#pragma once
#include "optim/Optimizer.h"

namespace tw {

// AdaGrad, Duchi, Hazan & Singer 2011 (diagonal form, as PyTorch's):
// s += g^2; w -= lr g / (sqrt(s) + eps).
class AdaGrad : public Optimizer {
public:
    AdaGrad(float learningRate, float epsilon = 1e-10f);
    std::string_view name() const override { return "adagrad"; }
    void reset(Eigen::Index parameterCount) override;
    void step(Eigen::Ref<Eigen::VectorXf> w, const Eigen::Ref<const Eigen::VectorXf>& grad) override;

private:
    float m_epsilon;
    Eigen::VectorXf m_sum;
};

} // namespace tw
