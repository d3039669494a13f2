#pragma once
#include "optim/Optimizer.h"

namespace tw {

// SGD with heavy-ball momentum, Polyak 1964, in PyTorch's form: v = mu v + g; w -= lr v.
class Momentum : public Optimizer {
public:
    Momentum(float learningRate, float momentum = 0.9f);
    std::string_view name() const override { return "momentum"; }
    void reset(Eigen::Index parameterCount) override;
    void step(Eigen::Ref<Eigen::VectorXf> w, const Eigen::Ref<const Eigen::VectorXf>& grad) override;

private:
    float m_momentum;
    Eigen::VectorXf m_velocity;
};

} // namespace tw
