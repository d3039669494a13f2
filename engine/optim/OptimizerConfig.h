#pragma once
#include "optim/Optimizer.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace tw {

enum class OptimizerKind { Sgd, Momentum, Nesterov, AdaGrad, RmsProp, Adam, AdamW };

// "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"
std::string_view toString(OptimizerKind k);
std::optional<OptimizerKind> optimizerKindFromString(std::string_view name);

// A plain description of an optimizer (what a spec holds); create() builds it. Defaults
// are PyTorch's.
struct OptimizerConfig {
    OptimizerKind kind = OptimizerKind::Adam;
    float learningRate = 1e-3f;  // the base rate; a schedule scales it per step
    float momentum = 0.9f;       // momentum, nesterov
    float beta1 = 0.9f;          // adam, adamw
    float beta2 = 0.999f;        // adam, adamw
    float alpha = 0.99f;         // rmsprop's decay of the mean square
    float epsilon = -1.0f;       // < 0: the optimizer's default (1e-8; 1e-10 for adagrad)
    // AdamW's decoupled weight decay only; the coupled L2 penalty of the other optimizers
    // is TrainerConfig::l2 (it touches weight matrices only, where this decays every
    // parameter, as PyTorch's AdamW).
    float weightDecay = 0.0f;

    // Throws std::invalid_argument (naming the bad field) for invalid values, and for a
    // weightDecay with an optimizer other than adamw.
    std::unique_ptr<Optimizer> create() const;
    bool operator==(const OptimizerConfig&) const = default;
};

} // namespace tw
