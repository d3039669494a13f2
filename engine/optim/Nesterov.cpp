#include "optim/Nesterov.h"

namespace tw {

Nesterov::Nesterov(float learningRate, float momentum)
    : UpdateLoop("nesterov", "Nesterov", learningRate, MomentumUpdate<true>::checked("Nesterov::Nesterov", momentum))
{
}

} // namespace tw
