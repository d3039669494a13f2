#pragma once
#include "optim/UpdateLoop.h"

namespace tw {

// Heavy-ball momentum, Polyak 1964, in PyTorch's form: v = mu v + g; w -= lr v.
// With `nesterov`, Nesterov momentum (Sutskever et al. 2013) in the reparameterised form
// of Bengio et al. 2013, as PyTorch's nesterov=True: v = mu v + g; w -= lr (g + mu v).
// The choice is a template argument, so neither rule tests it inside the loop.
template <bool Nesterov>
struct MomentumUpdate {
    float momentum = 0.9f;
    float rate = 0.0f;
    Eigen::VectorXf velocity;

    // Throws std::invalid_argument "<who>(): momentum must be in [0, 1)".
    static MomentumUpdate checked(const char* who, float momentum);
    void reset(Eigen::Index n) { velocity.setZero(n); }
    void prepare(float learningRate, long long) { rate = learningRate; }
    template <class W, class G>
    void apply(Eigen::Index offset, W w, const G& g)
    {
        auto v = velocity.segment(offset, g.size()).array();
        v = momentum * v + g;
        if constexpr (Nesterov)
            w -= rate * (g + momentum * v);
        else
            w -= rate * v;
    }
};

class Momentum final : public UpdateLoop<MomentumUpdate<false>> {
public:
    Momentum(float learningRate, float momentum = 0.9f);
};

} // namespace tw
