#include "optim/Nesterov.h"

#include <algorithm>
#include <stdexcept>

namespace tw {

Nesterov::Nesterov(float learningRate, float momentum) : Optimizer(learningRate), m_momentum(momentum)
{
    if (!(momentum >= 0.0f && momentum < 1.0f))
        throw std::invalid_argument("Nesterov::Nesterov(): momentum must be in [0, 1)");
}

void Nesterov::reset(Eigen::Index parameterCount)
{
    m_velocity.setZero(parameterCount);
    m_steps = 0;
}

void Nesterov::step(Eigen::Ref<Eigen::VectorXf> w, const Eigen::Ref<const Eigen::VectorXf>& grad)
{
    checkSizes("Nesterov", m_velocity.size(), w.size(), grad.size());
    const Eigen::Index n = w.size();
    for (Eigen::Index s = 0; s < n; s += kChunk) {
        const Eigen::Index len = std::min(kChunk, n - s);
        auto v = m_velocity.segment(s, len).array();
        const auto g = grad.segment(s, len).array();
        v = m_momentum * v + g;
        w.segment(s, len).array() -= m_learningRate * (g + m_momentum * v);
    }
    ++m_steps;
}

} // namespace tw
