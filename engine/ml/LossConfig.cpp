#include "ml/LossConfig.h"

#include <sstream>

namespace tw {

std::string_view toString(LossKind k)
{
    switch (k) {
    case LossKind::Auto: return "auto";
    case LossKind::Mse: return "mse";
    case LossKind::Huber: return "huber";
    case LossKind::BinaryCrossEntropy: return "binary_cross_entropy";
    case LossKind::SoftmaxCrossEntropy: return "cross_entropy";
    }
    return "auto";
}

std::optional<LossKind> lossKindFromString(std::string_view name)
{
    for (LossKind k : {LossKind::Auto, LossKind::Mse, LossKind::Huber, LossKind::BinaryCrossEntropy,
                       LossKind::SoftmaxCrossEntropy})
        if (toString(k) == name)
            return k;
    return std::nullopt;
}

std::string LossConfig::validationError() const
{
    std::ostringstream err;
    if (!(huberDelta > 0.0f))
        err << "huberDelta: must be > 0, got " << huberDelta;
    else if (!(labelSmoothing >= 0.0f && labelSmoothing < 1.0f))
        err << "labelSmoothing: must be in [0, 1), got " << labelSmoothing;
    return err.str();
}

} // namespace tw
