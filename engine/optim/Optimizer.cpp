#include "optim/Optimizer.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace tw {

Optimizer::Optimizer(float learningRate) : m_learningRate(learningRate)
{
    if (!(learningRate >= 0.0f) || !std::isfinite(learningRate))
        throw std::invalid_argument("Optimizer::Optimizer(): learning rate must be finite and >= 0");
}

void Optimizer::setLearningRate(float rate)
{
    if (!(rate >= 0.0f) || !std::isfinite(rate))
        throw std::invalid_argument("Optimizer::setLearningRate(): learning rate must be finite and >= 0");
    m_learningRate = rate;
}

void Optimizer::reset(Eigen::Index parameterCount)
{
    if (parameterCount < 0)
        throw std::invalid_argument(std::string(className()) + "::reset(): negative parameter count");
    m_size = parameterCount;
    m_steps = 0;
    resetState(parameterCount);
}

void Optimizer::step(Eigen::Ref<Eigen::VectorXf> w, const Eigen::Ref<const Eigen::VectorXf>& grad)
{
    if (w.size() != m_size || grad.size() != m_size)
        throw std::invalid_argument(std::string(className()) + "::step(): expected " + std::to_string(m_size)
                                    + " parameters (reset()), got w " + std::to_string(w.size()) + " and grad "
                                    + std::to_string(grad.size()));
    beginStep();
    updateRange(0, w, grad);
}

void Optimizer::beginStep()
{
    ++m_steps;
    prepareStep();
}

void Optimizer::update(Eigen::Index begin, Eigen::Ref<Eigen::VectorXf> w, const Eigen::Ref<const Eigen::VectorXf>& grad)
{
    if (begin < 0 || w.size() != grad.size() || begin + w.size() > m_size)
        throw std::invalid_argument(std::string(className()) + "::update(): range [" + std::to_string(begin) + ", "
                                    + std::to_string(begin + w.size()) + ") with a gradient of "
                                    + std::to_string(grad.size()) + " is not within the " + std::to_string(m_size)
                                    + " parameters of reset()");
    if (m_steps == 0)
        throw std::invalid_argument(std::string(className()) + "::update(): beginStep() was not called");
    updateRange(begin, w, grad);
}

} // namespace tw
