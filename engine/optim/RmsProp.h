#pragma once
#include "optim/Optimizer.h"

namespace tw {

// RMSProp, Tieleman & Hinton 2012 (Coursera lecture 6.5), as PyTorch's (no momentum):
// v = alpha v + (1 - alpha) g^2; w -= lr g / (sqrt(v) + eps).
class RmsProp : public Optimizer {
public:
    RmsProp(float learningRate, float alpha = 0.99f, float epsilon = 1e-8f);
    std::string_view name() const override { return "rmsprop"; }
    void reset(Eigen::Index parameterCount) override;
    void step(Eigen::Ref<Eigen::VectorXf> w, const Eigen::Ref<const Eigen::VectorXf>& grad) override;

private:
    float m_alpha;
    float m_epsilon;
    Eigen::VectorXf m_meanSquare;
};

} // namespace tw
