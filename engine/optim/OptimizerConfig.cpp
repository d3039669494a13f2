#include "optim/OptimizerConfig.h"

#include "optim/AdaGrad.h"
#include "optim/Adam.h"
#include "optim/AdamW.h"
#include "optim/Momentum.h"
#include "optim/Nesterov.h"
#include "optim/RmsProp.h"
#include "optim/Sgd.h"

#include <stdexcept>

namespace tw {

std::string_view toString(OptimizerKind k)
{
    switch (k) {
    case OptimizerKind::Sgd: return "sgd";
    case OptimizerKind::Momentum: return "momentum";
    case OptimizerKind::Nesterov: return "nesterov";
    case OptimizerKind::AdaGrad: return "adagrad";
    case OptimizerKind::RmsProp: return "rmsprop";
    case OptimizerKind::Adam: return "adam";
    case OptimizerKind::AdamW: return "adamw";
    }
    return "sgd";
}

std::optional<OptimizerKind> optimizerKindFromString(std::string_view name)
{
    for (OptimizerKind k : {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Nesterov,
                            OptimizerKind::AdaGrad, OptimizerKind::RmsProp, OptimizerKind::Adam,
                            OptimizerKind::AdamW})
        if (toString(k) == name)
            return k;
    return std::nullopt;
}

std::unique_ptr<Optimizer> OptimizerConfig::create() const
{
    if (weightDecay != 0.0f && kind != OptimizerKind::AdamW)
        throw std::invalid_argument("OptimizerConfig::create(): weightDecay is AdamW's decoupled decay; "
                                    "use TrainerConfig::l2 with " + std::string(toString(kind)));
    const auto eps = [&](float fallback) { return epsilon < 0.0f ? fallback : epsilon; };
    switch (kind) {
    case OptimizerKind::Sgd: return std::make_unique<Sgd>(learningRate);
    case OptimizerKind::Momentum: return std::make_unique<Momentum>(learningRate, momentum);
    case OptimizerKind::Nesterov: return std::make_unique<Nesterov>(learningRate, momentum);
    case OptimizerKind::AdaGrad: return std::make_unique<AdaGrad>(learningRate, eps(1e-10f));
    case OptimizerKind::RmsProp: return std::make_unique<RmsProp>(learningRate, alpha, eps(1e-8f));
    case OptimizerKind::Adam: return std::make_unique<Adam>(learningRate, beta1, beta2, eps(1e-8f));
    case OptimizerKind::AdamW: return std::make_unique<AdamW>(learningRate, weightDecay, beta1, beta2, eps(1e-8f));
    }
    throw std::invalid_argument("OptimizerConfig::create(): unknown optimizer kind");
}

} // namespace tw
