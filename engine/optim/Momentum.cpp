#include "optim/Momentum.h"

#include <stdexcept>
#include <string>

namespace tw {

template <bool Nesterov>
MomentumUpdate<Nesterov> MomentumUpdate<Nesterov>::checked(const char* who, float momentum)
{
    if (!(momentum >= 0.0f && momentum < 1.0f))
        throw std::invalid_argument(std::string(who) + "(): momentum must be in [0, 1)");
    MomentumUpdate u;
    u.momentum = momentum;
    return u;
}

template struct MomentumUpdate<false>;
template struct MomentumUpdate<true>;

Momentum::Momentum(float learningRate, float momentum)
    : UpdateLoop("momentum", "Momentum", learningRate, MomentumUpdate<false>::checked("Momentum::Momentum", momentum))
{
}

} // namespace tw
