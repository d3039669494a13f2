#include "optim/Sgd.h"

namespace tw {

Sgd::Sgd(float learningRate) : Optimizer(learningRate) {}

void Sgd::reset(Eigen::Index parameterCount)
{
    m_size = parameterCount;
    m_steps = 0;
}

void Sgd::step(Eigen::Ref<Eigen::VectorXf> w, const Eigen::Ref<const Eigen::VectorXf>& grad)
{
    checkSizes("Sgd", m_size, w.size(), grad.size());
    w.noalias() -= m_learningRate * grad;
    ++m_steps;
}

} // namespace tw
