#pragma once
#include "optim/UpdateLoop.h"

namespace tw {

// RMSProp, Tieleman & Hinton 2012 (Coursera lecture 6.5), as PyTorch's (no momentum):
// v = alpha v + (1 - alpha) g^2; w -= lr g / (sqrt(v) + eps).
struct RmsPropUpdate {
    float alpha = 0.99f;
    float epsilon = 1e-8f;
    float rate = 0.0f;
    Eigen::VectorXf meanSquare;

    void reset(Eigen::Index n) { meanSquare.setZero(n); }
    void prepare(float learningRate, long long) { rate = learningRate; }
    template <class W, class G>
    void apply(Eigen::Index offset, W w, const G& g)
    {
        auto v = meanSquare.segment(offset, g.size()).array();
        v = alpha * v + (1.0f - alpha) * g.square();
        w -= rate * g / (v.sqrt() + epsilon);
    }
};

class RmsProp final : public UpdateLoop<RmsPropUpdate> {
public:
    RmsProp(float learningRate, float alpha = 0.99f, float epsilon = 1e-8f);
};

} // namespace tw
