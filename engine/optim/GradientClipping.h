#pragma once
#include <Eigen/Core>

namespace tw {

// Clipping by global norm, Pascanu, Mikolov & Bengio 2013: when ||g|| > maxNorm the whole
// gradient is scaled by maxNorm / (||g|| + 1e-6) (PyTorch's clip_grad_norm_), which keeps
// its direction.
class GradientClipping {
public:
    // The factor to multiply the gradient by, given its norm (1 when no clipping is due or
    // maxNorm <= 0, which means off).
    static float scaleFor(double norm, float maxNorm);
    // Clips in place; returns the norm before clipping (computed in double).
    static double clipByGlobalNorm(Eigen::Ref<Eigen::VectorXf> gradient, float maxNorm);
};

} // namespace tw
