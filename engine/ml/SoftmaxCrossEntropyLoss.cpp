#include "ml/SoftmaxCrossEntropyLoss.h"

#include <cmath>
#include <stdexcept>

namespace tw {

SoftmaxCrossEntropyLoss::SoftmaxCrossEntropyLoss(float labelSmoothing) : m_smoothing(labelSmoothing)
{
    if (!(labelSmoothing >= 0.0f && labelSmoothing < 1.0f))
        throw std::invalid_argument("SoftmaxCrossEntropyLoss::SoftmaxCrossEntropyLoss(): labelSmoothing must be in [0, 1)");
}

double SoftmaxCrossEntropyLoss::evaluate(const Eigen::Ref<const Eigen::MatrixXf>& outputs,
                                         const LossTargets& targets, float* gradient, float scale) const
{
    const Eigen::Index k = outputs.rows();
    const Eigen::Index n = outputs.cols();
    if (k < 2)
        throw std::invalid_argument("SoftmaxCrossEntropyLoss::evaluate(): expects >= 2 logits per sample");
    const float uniform = m_smoothing / static_cast<float>(k);
    const float keep = 1.0f - m_smoothing;
    Eigen::ArrayXf e(k);
    Eigen::ArrayXf t(k);
    double sum = 0.0;
    for (Eigen::Index j = 0; j < n; ++j) {
        const auto z = outputs.col(j).array();
        const float m = z.maxCoeff();
        e = (z - m).exp();
        const float s = e.sum();
        if (targets.soft) {
            t = keep * Eigen::Map<const Eigen::ArrayXf>(targets.soft + j * k, k) + uniform;
        } else {
            t.setConstant(uniform);
            t(static_cast<Eigen::Index>(targets.values[j])) += keep;
        }
        const float tSum = t.sum();
        // Relative to the max, so a confident correct prediction gives a loss near 0, not
        // the difference of two large numbers.
        sum += static_cast<double>(tSum * std::log(s) - (t * (z - m)).sum());
        if (gradient)
            Eigen::Map<Eigen::ArrayXf>(gradient + j * k, k) = scale * (e * (tSum / s) - t);
    }
    return sum;
}

} // namespace tw
