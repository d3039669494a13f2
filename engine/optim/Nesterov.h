#pragma once
#include "optim/Momentum.h"

namespace tw {

// Nesterov momentum: MomentumUpdate's Nesterov rule, v = mu v + g; w -= lr (g + mu v).
class Nesterov final : public UpdateLoop<MomentumUpdate<true>> {
public:
    Nesterov(float learningRate, float momentum = 0.9f);
};

} // namespace tw
