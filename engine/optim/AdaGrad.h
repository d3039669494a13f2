#pragma once
#include "optim/UpdateLoop.h"

namespace tw {

// AdaGrad, Duchi, Hazan & Singer 2011 (diagonal form, as PyTorch's):
// s += g^2; w -= lr g / (sqrt(s) + eps).
struct AdaGradUpdate {
    float epsilon = 1e-10f;
    float rate = 0.0f;
    Eigen::VectorXf sum;

    void reset(Eigen::Index n) { sum.setZero(n); }
    void prepare(float learningRate, long long) { rate = learningRate; }
    template <class W, class G>
    void apply(Eigen::Index offset, W w, const G& g)
    {
        auto acc = sum.segment(offset, g.size()).array();
        acc += g.square();
        w -= rate * g / (acc.sqrt() + epsilon);
    }
};

class AdaGrad final : public UpdateLoop<AdaGradUpdate> {
public:
    AdaGrad(float learningRate, float epsilon = 1e-10f);
};

} // namespace tw
