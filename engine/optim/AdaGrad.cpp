#include "optim/AdaGrad.h"

#include <stdexcept>

namespace tw {

namespace {

AdaGradUpdate checked(float epsilon)
{
    if (!(epsilon >= 0.0f))
        throw std::invalid_argument("AdaGrad::AdaGrad(): epsilon must be >= 0");
    AdaGradUpdate u;
    u.epsilon = epsilon;
    return u;
}

} // namespace

AdaGrad::AdaGrad(float learningRate, float epsilon) : UpdateLoop("adagrad", "AdaGrad", learningRate, checked(epsilon)) {}

} // namespace tw
