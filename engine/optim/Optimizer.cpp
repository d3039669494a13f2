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

void Optimizer::checkSizes(std::string_view who, Eigen::Index expected, Eigen::Index w, Eigen::Index grad) const
{
    if (w != expected || grad != expected)
        throw std::invalid_argument(std::string(who) + "::step(): expected " + std::to_string(expected)
                                    + " parameters (reset()), got w " + std::to_string(w) + " and grad "
                                    + std::to_string(grad));
}

} // namespace tw
