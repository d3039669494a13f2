#pragma once
#include "optim/Optimizer.h"

namespace tw {

// Adam, Kingma & Ba 2015, Algorithm 1: m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
// w -= lr m_hat / (sqrt(v_hat) + eps) with the bias-corrected m_hat, v_hat.
class Adam : public Optimizer {
public:
    Adam(float learningRate, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f);
    std::string_view name() const override { return "adam"; }
    void reset(Eigen::Index parameterCount) override;
    void step(Eigen::Ref<Eigen::VectorXf> w, const Eigen::Ref<const Eigen::VectorXf>& grad) override;

protected:
    // AdamW's decoupled decay: each step first shrinks w by (1 - lr * decay). 0 for Adam.
    float m_decoupledDecay = 0.0f;

private:
    float m_beta1;
    float m_beta2;
    float m_epsilon;
    Eigen::VectorXf m_m;
    Eigen::VectorXf m_v;
};

} // namespace tw
