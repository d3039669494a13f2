#include "optim/RmsProp.h"

#include <algorithm>
#include <stdexcept>

namespace tw {

RmsProp::RmsProp(float learningRate, float alpha, float epsilon)
    : Optimizer(learningRate), m_alpha(alpha), m_epsilon(epsilon)
{
    if (!(alpha >= 0.0f && alpha < 1.0f))
        throw std::invalid_argument("RmsProp::RmsProp(): alpha must be in [0, 1)");
    if (!(epsilon >= 0.0f))
        throw std::invalid_argument("RmsProp::RmsProp(): epsilon must be >= 0");
}

void RmsProp::reset(Eigen::Index parameterCount)
{
    m_meanSquare.setZero(parameterCount);
    m_steps = 0;
}

void RmsProp::step(Eigen::Ref<Eigen::VectorXf> w, const Eigen::Ref<const Eigen::VectorXf>& grad)
{
    checkSizes("RmsProp", m_meanSquare.size(), w.size(), grad.size());
    const Eigen::Index n = w.size();
    for (Eigen::Index s = 0; s < n; s += kChunk) {
        const Eigen::Index len = std::min(kChunk, n - s);
        auto v = m_meanSquare.segment(s, len).array();
        const auto g = grad.segment(s, len).array();
        v = m_alpha * v + (1.0f - m_alpha) * g.square();
        w.segment(s, len).array() -= m_learningRate * g / (v.sqrt() + m_epsilon);
    }
    ++m_steps;
}

} // namespace tw
