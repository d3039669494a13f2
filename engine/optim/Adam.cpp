#include "optim/Adam.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace tw {

Adam::Adam(float learningRate, float beta1, float beta2, float epsilon)
    : Optimizer(learningRate), m_beta1(beta1), m_beta2(beta2), m_epsilon(epsilon)
{
    if (!(beta1 >= 0.0f && beta1 < 1.0f))
        throw std::invalid_argument("Adam::Adam(): beta1 must be in [0, 1)");
    if (!(beta2 >= 0.0f && beta2 < 1.0f))
        throw std::invalid_argument("Adam::Adam(): beta2 must be in [0, 1)");
    if (!(epsilon >= 0.0f))
        throw std::invalid_argument("Adam::Adam(): epsilon must be >= 0");
}

void Adam::reset(Eigen::Index parameterCount)
{
    m_m.setZero(parameterCount);
    m_v.setZero(parameterCount);
    m_steps = 0;
}

void Adam::step(Eigen::Ref<Eigen::VectorXf> w, const Eigen::Ref<const Eigen::VectorXf>& grad)
{
    checkSizes(name() == "adamw" ? "AdamW" : "Adam", m_m.size(), w.size(), grad.size());
    ++m_steps;
    const double t = static_cast<double>(m_steps);
    const double bc1 = 1.0 - std::pow(static_cast<double>(m_beta1), t);
    const double bc2 = 1.0 - std::pow(static_cast<double>(m_beta2), t);
    // m_hat / (sqrt(v_hat) + eps) = (m / bc1) / (sqrt(v) / sqrt(bc2) + eps), as PyTorch
    // evaluates it, so the two agree on where eps enters.
    const auto stepSize = static_cast<float>(m_learningRate / bc1);
    const auto invSqrtBc2 = static_cast<float>(1.0 / std::sqrt(bc2));
    const float b1 = m_beta1, b2 = m_beta2, c1 = 1.0f - m_beta1, c2 = 1.0f - m_beta2, eps = m_epsilon;
    const float decay = m_learningRate * m_decoupledDecay;
    const float shrink = 1.0f - decay;
    const Eigen::Index n = w.size();
    for (Eigen::Index s = 0; s < n; s += kChunk) {
        const Eigen::Index len = std::min(kChunk, n - s);
        auto m = m_m.segment(s, len).array();
        auto v = m_v.segment(s, len).array();
        auto x = w.segment(s, len).array();
        const auto g = grad.segment(s, len).array();
        m = b1 * m + c1 * g;
        v = b2 * v + c2 * g.square();
        if (decay > 0.0f)
            x *= shrink;
        x -= stepSize * m / (v.sqrt() * invSqrtBc2 + eps);
    }
}

} // namespace tw
