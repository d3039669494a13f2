#include "optim/AdaGrad.h"

#include <algorithm>
#include <stdexcept>

namespace tw {

AdaGrad::AdaGrad(float learningRate, float epsilon) : Optimizer(learningRate), m_epsilon(epsilon)
{
    if (!(epsilon >= 0.0f))
        throw std::invalid_argument("AdaGrad::AdaGrad(): epsilon must be >= 0");
}

void AdaGrad::reset(Eigen::Index parameterCount)
{
    m_sum.setZero(parameterCount);
    m_steps = 0;
}

void AdaGrad::step(Eigen::Ref<Eigen::VectorXf> w, const Eigen::Ref<const Eigen::VectorXf>& grad)
{
    checkSizes("AdaGrad", m_sum.size(), w.size(), grad.size());
    const Eigen::Index n = w.size();
    for (Eigen::Index s = 0; s < n; s += kChunk) {
        const Eigen::Index len = std::min(kChunk, n - s);
        auto acc = m_sum.segment(s, len).array();
        const auto g = grad.segment(s, len).array();
        acc += g.square();
        w.segment(s, len).array() -= m_learningRate * g / (acc.sqrt() + m_epsilon);
    }
    ++m_steps;
}

} // namespace tw
