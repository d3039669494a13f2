#include "optim/RmsProp.h"

#include <stdexcept>

namespace tw {

namespace {

RmsPropUpdate checked(float alpha, float epsilon)
{
    if (!(alpha >= 0.0f && alpha < 1.0f))
        throw std::invalid_argument("RmsProp::RmsProp(): alpha must be in [0, 1)");
    if (!(epsilon >= 0.0f))
        throw std::invalid_argument("RmsProp::RmsProp(): epsilon must be >= 0");
    RmsPropUpdate u;
    u.alpha = alpha;
    u.epsilon = epsilon;
    return u;
}

} // namespace

RmsProp::RmsProp(float learningRate, float alpha, float epsilon)
    : UpdateLoop("rmsprop", "RmsProp", learningRate, checked(alpha, epsilon))
{
}

} // namespace tw
