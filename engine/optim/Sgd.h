#pragma once
#include "optim/UpdateLoop.h"

namespace tw {

// Plain stochastic gradient descent, Robbins & Monro 1951: w -= lr g. No state.
struct SgdUpdate {
    float rate = 0.0f;

    void reset(Eigen::Index) {}
    void prepare(float learningRate, long long) { rate = learningRate; }
    template <class W, class G>
    void apply(Eigen::Index, W w, const G& g) { w -= rate * g; }
};

class Sgd final : public UpdateLoop<SgdUpdate> {
public:
    explicit Sgd(float learningRate);
};

} // namespace tw
