#pragma once
#include <Eigen/Core>

#include <optional>
#include <string_view>

namespace tw {

// Hidden-layer activations. Layers apply them fused with the bias add (DenseLayer) or the
// batch-norm affine step (BatchNormLayer), so each activation costs one pass over memory.
enum class Activation { Identity, ReLU, LeakyReLU, Tanh, Sigmoid, GELU };

std::string_view toString(Activation a);
std::optional<Activation> activationFromString(std::string_view name);

// GELU's derivative needs the pre-activation; the others are computed from the output.
inline bool activationNeedsPreActivation(Activation a) { return a == Activation::GELU; }

// In place on z (rows x n, column-major): z(:, j) = f(z(:, j) + bias) for every column j.
// `bias` may be null. When `preActivation` is non-null it receives z + bias (same shape).
// leakySlope is LeakyReLU's slope for negative inputs.
void applyActivation(Activation a, float leakySlope, Eigen::Ref<Eigen::MatrixXf> z,
                     const float* bias, float* preActivation);

// In place: grad *= f'(z), where `output` = f(z) and `preActivation` = z (needed by GELU
// only, may be null otherwise). All three have the shape of grad.
void multiplyActivationDerivative(Activation a, float leakySlope,
                                  const Eigen::Ref<const Eigen::MatrixXf>& output,
                                  const float* preActivation, Eigen::Ref<Eigen::MatrixXf> grad);

} // namespace tw
