#include "ml/SoftmaxCrossEntropyLoss.h"

#include <algorithm>
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
    if (n == 0)
        return 0.0;
    const float uniform = m_smoothing / static_cast<float>(k);
    const float keep = 1.0f - m_smoothing;
    // One vectorised exp over the whole k x n batch, and plain loops over each sample's
    // few logits for the rest: Eigen's per-column reductions and per-column exp cost more
    // in set-up than in arithmetic on 3 or 10 values (8 % of a digits study).
    // Relative to each column's max, so a confident correct prediction gives a loss near 0,
    // not the difference of two large numbers.
    Eigen::ArrayXXf shifted(k, n);
    for (Eigen::Index j = 0; j < n; ++j) {
        const float* z = outputs.col(j).data();
        float m = z[0];
        for (Eigen::Index i = 1; i < k; ++i)
            m = std::max(m, z[i]);
        float* out = &shifted(0, j);
        for (Eigen::Index i = 0; i < k; ++i)
            out[i] = z[i] - m;
    }
    const Eigen::ArrayXXf e = shifted.exp();
    Eigen::ArrayXXf t(k, n);  // the (smoothed) targets
    if (targets.soft) {
        t = keep * Eigen::Map<const Eigen::ArrayXXf>(targets.soft, k, n) + uniform;
    } else {
        t.setConstant(uniform);
        for (Eigen::Index j = 0; j < n; ++j)
            t(static_cast<Eigen::Index>(targets.values[j]), j) += keep;
    }
    Eigen::ArrayXf s(n), tSum(n), tDotZ(n);  // sum_i e_i, sum_i t_i, sum_i t_i (z_i - max z)
    for (Eigen::Index j = 0; j < n; ++j) {
        float se = 0.0f, st = 0.0f, stz = 0.0f;
        for (Eigen::Index i = 0; i < k; ++i) {
            se += e(i, j);
            st += t(i, j);
            stz += t(i, j) * shifted(i, j);
        }
        s(j) = se;
        tSum(j) = st;
        tDotZ(j) = stz;
    }
    if (gradient) {
        for (Eigen::Index j = 0; j < n; ++j) {
            const float r = tSum(j) / s(j);
            float* g = gradient + j * k;
            for (Eigen::Index i = 0; i < k; ++i)
                g[i] = scale * (e(i, j) * r - t(i, j));
        }
    }
    return (tSum * s.log() - tDotZ).cast<double>().sum();
}

} // namespace tw
