#include "optim/Sgd.h"

namespace tw {

Sgd::Sgd(float learningRate) : UpdateLoop("sgd", "Sgd", learningRate, SgdUpdate{}) {}

} // namespace tw
