#include "optim/AdamW.h"

#include <stdexcept>

namespace tw {

namespace {

AdamUpdate checked(float weightDecay, float beta1, float beta2, float epsilon)
{
    AdamUpdate u = AdamUpdate::checked("AdamW::AdamW", beta1, beta2, epsilon);
    if (!(weightDecay >= 0.0f))
        throw std::invalid_argument("AdamW::AdamW(): weightDecay must be >= 0");
    u.decoupledDecay = weightDecay;
    return u;
}

} // namespace

AdamW::AdamW(float learningRate, float weightDecay, float beta1, float beta2, float epsilon)
    : Adam("adamw", "AdamW", learningRate, checked(weightDecay, beta1, beta2, epsilon))
{
}

} // namespace tw
