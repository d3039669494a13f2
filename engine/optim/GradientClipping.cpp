#include "optim/GradientClipping.h"

#include <cmath>

namespace tw {

float GradientClipping::scaleFor(double norm, float maxNorm)
{
    if (!(maxNorm > 0.0f) || !(norm > maxNorm))
        return 1.0f;
    return static_cast<float>(maxNorm / (norm + 1e-6));
}

double GradientClipping::clipByGlobalNorm(Eigen::Ref<Eigen::VectorXf> gradient, float maxNorm)
{
    const double norm = std::sqrt(gradient.cast<double>().squaredNorm());
    const float scale = scaleFor(norm, maxNorm);
    if (scale != 1.0f)
        gradient *= scale;
    return norm;
}

} // namespace tw
