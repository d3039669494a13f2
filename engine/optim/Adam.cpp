#include "optim/Adam.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace tw {

AdamUpdate AdamUpdate::checked(const char* who, float beta1, float beta2, float epsilon)
{
    if (!(beta1 >= 0.0f && beta1 < 1.0f))
        throw std::invalid_argument(std::string(who) + "(): beta1 must be in [0, 1)");
    if (!(beta2 >= 0.0f && beta2 < 1.0f))
        throw std::invalid_argument(std::string(who) + "(): beta2 must be in [0, 1)");
    if (!(epsilon >= 0.0f))
        throw std::invalid_argument(std::string(who) + "(): epsilon must be >= 0");
    AdamUpdate u;
    u.beta1 = beta1;
    u.beta2 = beta2;
    u.epsilon = epsilon;
    return u;
}

void AdamUpdate::prepare(float learningRate, long long step)
{
    const double t = static_cast<double>(step);
    const double bc1 = 1.0 - std::pow(static_cast<double>(beta1), t);
    const double bc2 = 1.0 - std::pow(static_cast<double>(beta2), t);
    // m_hat / (sqrt(v_hat) + eps) = (m / bc1) / (sqrt(v) / sqrt(bc2) + eps), as PyTorch
    // evaluates it, so the two agree on where eps enters.
    stepSize = static_cast<float>(learningRate / bc1);
    invSqrtBc2 = static_cast<float>(1.0 / std::sqrt(bc2));
    decay = learningRate * decoupledDecay;
}

Adam::Adam(float learningRate, float beta1, float beta2, float epsilon)
    : Adam("adam", "Adam", learningRate, AdamUpdate::checked("Adam::Adam", beta1, beta2, epsilon))
{
}

Adam::Adam(std::string_view name, std::string_view className, float learningRate, AdamUpdate update)
    : UpdateLoop(name, className, learningRate, std::move(update))
{
}

} // namespace tw
