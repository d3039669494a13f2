#pragma once
#include "optim/UpdateLoop.h"

namespace tw {

// Adam, Kingma & Ba 2015, Algorithm 1: m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
// w -= lr m_hat / (sqrt(v_hat) + eps) with the bias-corrected m_hat, v_hat. With a
// decoupled decay (AdamW, optim/AdamW.h), w first shrinks by (1 - lr decay) each step.
struct AdamUpdate {
    float beta1 = 0.9f;
    float beta2 = 0.999f;
    float epsilon = 1e-8f;
    float decoupledDecay = 0.0f;  // AdamW's weight decay; 0 for Adam
    Eigen::VectorXf m;
    Eigen::VectorXf v;
    // The step's constants, from prepare().
    float stepSize = 0.0f;
    float invSqrtBc2 = 1.0f;
    float decay = 0.0f;

    // Throws std::invalid_argument "<who>(): beta1 must be in [0, 1)" and the like.
    static AdamUpdate checked(const char* who, float beta1, float beta2, float epsilon);
    void reset(Eigen::Index n)
    {
        m.setZero(n);
        v.setZero(n);
    }
    void prepare(float learningRate, long long step);
    template <class W, class G>
    void apply(Eigen::Index offset, W x, const G& g)
    {
        const float b1 = beta1, b2 = beta2, c1 = 1.0f - beta1, c2 = 1.0f - beta2, eps = epsilon;
        auto mm = m.segment(offset, g.size()).array();
        auto vv = v.segment(offset, g.size()).array();
        mm = b1 * mm + c1 * g;
        vv = b2 * vv + c2 * g.square();
        if (decay > 0.0f)
            x *= 1.0f - decay;
        x -= stepSize * mm / (vv.sqrt() * invSqrtBc2 + eps);
    }
};

class Adam : public UpdateLoop<AdamUpdate> {
public:
    Adam(float learningRate, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f);

protected:
    Adam(std::string_view name, std::string_view className, float learningRate, AdamUpdate update);
};

} // namespace tw
