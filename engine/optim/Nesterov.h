#pragma once
#include "optim/Optimizer.h"

namespace tw {

// Nesterov momentum, Sutskever et al. 2013, in the reparameterised form of Bengio et al.
// 2013 (as PyTorch's nesterov=True): v = mu v + g; w -= lr (g + mu v).
class Nesterov : public Optimizer {
public:
    Nesterov(float learningRate, float momentum = 0.9f);
    std::string_view name() const override { return "nesterov"; }
    void reset(Eigen::Index parameterCount) override;
    void step(Eigen::Ref<Eigen::VectorXf> w, const Eigen::Ref<const Eigen::VectorXf>& grad) override;

private:
    float m_momentum;
    Eigen::VectorXf m_velocity;
};

} // namespace tw
