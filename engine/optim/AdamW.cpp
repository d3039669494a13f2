#include "optim/AdamW.h"

#include <stdexcept>

namespace tw {

AdamW::AdamW(float learningRate, float weightDecay, float beta1, float beta2, float epsilon)
    : Adam(learningRate, beta1, beta2, epsilon)
{
    if (!(weightDecay >= 0.0f))
        throw std::invalid_argument("AdamW::AdamW(): weightDecay must be >= 0");
    m_decoupledDecay = weightDecay;
}

} // namespace tw
