#include "ml/HuberLoss.h"

#include <cmath>
#include <stdexcept>

namespace tw {

HuberLoss::HuberLoss(float delta) : m_delta(delta)
{
    if (!(delta > 0.0f))
        throw std::invalid_argument("HuberLoss::HuberLoss(): delta must be > 0");
}

double HuberLoss::evaluate(const Eigen::Ref<const Eigen::MatrixXf>& outputs, const LossTargets& targets,
                           float* gradient, float scale) const
{
    const Eigen::Index k = outputs.rows();
    const Eigen::Index n = outputs.cols();
    if (!targets.soft && k != 1)
        throw std::invalid_argument("HuberLoss::evaluate(): several outputs need soft targets");
    double sum = 0.0;
    for (Eigen::Index j = 0; j < n; ++j) {
        for (Eigen::Index i = 0; i < k; ++i) {
            const float y = targets.soft ? targets.soft[j * k + i] : targets.values[j];
            const float r = outputs(i, j) - y;
            const float a = std::abs(r);
            float g;
            if (a <= m_delta) {
                sum += 0.5 * static_cast<double>(r) * r;
                g = r;
            } else {
                sum += static_cast<double>(m_delta) * (a - 0.5 * m_delta);
                g = r > 0.0f ? m_delta : -m_delta;
            }
            if (gradient)
                gradient[j * k + i] = scale * g;
        }
    }
    return sum;
}

} // namespace tw
