#pragma once
#include "optim/Optimizer.h"

namespace tw {

// Plain stochastic gradient descent, Robbins & Monro 1951: w -= lr g.
class Sgd : public Optimizer {
public:
    explicit Sgd(float learningRate);
    std::string_view name() const override { return "sgd"; }
    void reset(Eigen::Index parameterCount) override;
    void step(Eigen::Ref<Eigen::VectorXf> w, const Eigen::Ref<const Eigen::VectorXf>& grad) override;

private:
    Eigen::Index m_size = 0;
};

} // namespace tw
