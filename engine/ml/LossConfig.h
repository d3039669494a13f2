#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace tw {

enum class LossKind {
    Auto,                // from the model's output: identity -> MSE, sigmoid -> BCE, softmax -> CE
    Mse,
    Huber,
    BinaryCrossEntropy,
    SoftmaxCrossEntropy
};

std::string_view toString(LossKind k);  // "auto", "mse", "huber", "binary_cross_entropy", "cross_entropy"
std::optional<LossKind> lossKindFromString(std::string_view name);

struct LossConfig {
    LossKind kind = LossKind::Auto;
    float huberDelta = 1.0f;      // Huber only, > 0
    float labelSmoothing = 0.0f;  // softmax cross-entropy only, in [0, 1)

    std::string validationError() const;  // empty when valid
    bool operator==(const LossConfig&) const = default;
};

} // namespace tw
