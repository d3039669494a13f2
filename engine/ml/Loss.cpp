#include "ml/Loss.h"

#include "ml/BinaryCrossEntropyLoss.h"
#include "ml/HuberLoss.h"
#include "ml/MseLoss.h"
#include "ml/SoftmaxCrossEntropyLoss.h"

#include <stdexcept>
#include <string>

namespace tw {

LossKind Loss::resolve(LossKind kind, OutputKind output)
{
    if (kind != LossKind::Auto)
        return kind;
    switch (output) {
    case OutputKind::Identity: return LossKind::Mse;
    case OutputKind::Sigmoid: return LossKind::BinaryCrossEntropy;
    case OutputKind::Softmax: return LossKind::SoftmaxCrossEntropy;
    }
    return LossKind::Mse;
}

std::unique_ptr<Loss> Loss::create(const LossConfig& config, OutputKind output)
{
    if (const std::string err = config.validationError(); !err.empty())
        throw std::invalid_argument("Loss::create(): " + err);
    const LossKind kind = resolve(config.kind, output);
    const bool fits = (kind == LossKind::Mse || kind == LossKind::Huber) ? output == OutputKind::Identity
                    : kind == LossKind::BinaryCrossEntropy              ? output == OutputKind::Sigmoid
                                                                        : output == OutputKind::Softmax;
    if (!fits)
        throw std::invalid_argument("Loss::create(): loss \"" + std::string(toString(kind))
                                    + "\" does not fit a " + std::string(toString(output)) + " output");
    switch (kind) {
    case LossKind::Mse: return std::make_unique<MseLoss>();
    case LossKind::Huber: return std::make_unique<HuberLoss>(config.huberDelta);
    case LossKind::BinaryCrossEntropy: return std::make_unique<BinaryCrossEntropyLoss>();
    case LossKind::SoftmaxCrossEntropy: return std::make_unique<SoftmaxCrossEntropyLoss>(config.labelSmoothing);
    case LossKind::Auto: break;
    }
    throw std::logic_error("Loss::create(): unresolved loss");
}

} // namespace tw
