#pragma once
#include "optim/Adam.h"

namespace tw {

// AdamW, Loshchilov & Hutter 2019, Algorithm 2: Adam with weight decay decoupled from the
// gradient, w -= lr wd w before the Adam step (the decay scaled by the learning rate, as
// PyTorch's AdamW). It decays every parameter it is given.
class AdamW final : public Adam {
public:
    AdamW(float learningRate, float weightDecay = 0.01f, float beta1 = 0.9f, float beta2 = 0.999f,
          float epsilon = 1e-8f);
    float weightDecay() const { return policy().decoupledDecay; }
};

} // namespace tw
