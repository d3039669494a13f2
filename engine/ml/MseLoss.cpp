#include "ml/MseLoss.h"

#include <stdexcept>

namespace tw {

double MseLoss::evaluate(const Eigen::Ref<const Eigen::MatrixXf>& outputs, const LossTargets& targets,
                         float* gradient, float scale) const
{
    const Eigen::Index k = outputs.rows();
    const Eigen::Index n = outputs.cols();
    if (!targets.soft && k != 1)
        throw std::invalid_argument("MseLoss::evaluate(): several outputs need soft targets");
    double sum = 0.0;
    for (Eigen::Index j = 0; j < n; ++j) {
        for (Eigen::Index i = 0; i < k; ++i) {
            const float y = targets.soft ? targets.soft[j * k + i] : targets.values[j];
            const float r = outputs(i, j) - y;
            sum += static_cast<double>(r) * r;
            if (gradient)
                gradient[j * k + i] = 2.0f * scale * r;
        }
    }
    return sum;
}

} // namespace tw
