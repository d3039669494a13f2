#include "ml/BinaryCrossEntropyLoss.h"

#include <cmath>
#include <stdexcept>

namespace tw {

double BinaryCrossEntropyLoss::evaluate(const Eigen::Ref<const Eigen::MatrixXf>& outputs,
                                        const LossTargets& targets, float* gradient, float scale) const
{
    if (outputs.rows() != 1)
        throw std::invalid_argument("BinaryCrossEntropyLoss::evaluate(): expects one logit per sample");
    const Eigen::Index n = outputs.cols();
    double sum = 0.0;
    for (Eigen::Index j = 0; j < n; ++j) {
        // Soft rows: 1 -> P(1) directly; 2 -> (P(0), P(1)). The caller passes 2 (classes).
        const float y = targets.soft ? targets.soft[2 * j + 1] : targets.values[j];
        const float z = outputs(0, j);
        sum += static_cast<double>(std::max(z, 0.0f) - z * y) + std::log1p(std::exp(-std::abs(static_cast<double>(z))));
        if (gradient) {
            const float p = z >= 0.0f ? 1.0f / (1.0f + std::exp(-z)) : std::exp(z) / (1.0f + std::exp(z));
            gradient[j] = scale * (p - y);
        }
    }
    return sum;
}

} // namespace tw
