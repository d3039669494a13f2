#pragma once
#include "ml/LossConfig.h"
#include "ml/ModelArchitecture.h"

#include <Eigen/Core>

#include <memory>
#include <string_view>

namespace tw {

// Targets of a batch of n samples. `values` holds one target per sample (a class index
// stored as a float, or a regression value). `soft`, when non-null, replaces them with a
// distribution per sample: classes x n, column-major (mixup's soft labels).
struct LossTargets {
    const float* values = nullptr;
    const float* soft = nullptr;
};

// A loss on raw network outputs (logits for classifiers, so the output function and the
// loss are computed together and stay stable). Stateless and thread-safe.
class Loss {
public:
    virtual ~Loss() = default;
    virtual LossKind kind() const = 0;
    // Returns the SUM over the n = outputs.cols() samples of the per-sample loss, accumulated
    // in double. When gradient is non-null it receives scale * d(sum)/d(outputs), with the
    // outputs' shape: pass scale = 1 / batchSize to get the mean loss's gradient, even for
    // a shard of a batch.
    virtual double evaluate(const Eigen::Ref<const Eigen::MatrixXf>& outputs, const LossTargets& targets,
                            float* gradient, float scale) const = 0;

    // The loss for a model's output; Auto picks the natural one. Throws
    // std::invalid_argument for an invalid config or a loss that does not fit the output.
    static std::unique_ptr<Loss> create(const LossConfig& config, OutputKind output);
    static LossKind resolve(LossKind kind, OutputKind output);
};

} // namespace tw
