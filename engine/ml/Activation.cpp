#include "ml/Activation.h"

#include <unsupported/Eigen/SpecialFunctions>

#include <cmath>

namespace tw {

std::string_view toString(Activation a)
{
    switch (a) {
    case Activation::Identity: return "identity";
    case Activation::ReLU: return "relu";
    case Activation::LeakyReLU: return "leaky_relu";
    case Activation::Tanh: return "tanh";
    case Activation::Sigmoid: return "sigmoid";
    case Activation::GELU: return "gelu";
    }
    return "identity";
}

std::optional<Activation> activationFromString(std::string_view name)
{
    for (Activation a : {Activation::Identity, Activation::ReLU, Activation::LeakyReLU,
                         Activation::Tanh, Activation::Sigmoid, Activation::GELU}) {
        if (toString(a) == name)
            return a;
    }
    return std::nullopt;
}

namespace {

// GELU exactly as Hendrycks & Gimpel 2016 define it: x * Phi(x), with the Gaussian CDF
// from erf (not the tanh approximation), as PyTorch's default.
constexpr float kInvSqrt2 = 0.70710678118654752f;
constexpr float kInvSqrt2Pi = 0.39894228040143268f;

} // namespace

void applyActivation(Activation a, float leakySlope, Eigen::Ref<Eigen::MatrixXf> z,
                     const float* bias, float* preActivation)
{
    const Eigen::Index rows = z.rows();
    const Eigen::Index cols = z.cols();
    // Column by column: one column stays in L1 while bias, activation (and the copy of the
    // pre-activation) are applied.
    for (Eigen::Index j = 0; j < cols; ++j) {
        auto col = z.col(j).array();
        if (bias)
            col += Eigen::Map<const Eigen::ArrayXf>(bias, rows);
        if (preActivation)
            Eigen::Map<Eigen::ArrayXf>(preActivation + j * rows, rows) = col;
        switch (a) {
        case Activation::Identity: break;
        case Activation::ReLU: col = col.max(0.0f); break;
        case Activation::LeakyReLU: col = col.max(col * leakySlope); break;
        case Activation::Tanh: col = col.tanh(); break;
        case Activation::Sigmoid: col = col.logistic(); break;
        case Activation::GELU: col = 0.5f * col * (1.0f + (col * kInvSqrt2).erf()); break;
        }
    }
}

void multiplyActivationDerivative(Activation a, float leakySlope,
                                  const Eigen::Ref<const Eigen::MatrixXf>& output,
                                  const float* preActivation, Eigen::Ref<Eigen::MatrixXf> grad)
{
    const Eigen::Index rows = grad.rows();
    for (Eigen::Index j = 0; j < grad.cols(); ++j) {
        auto g = grad.col(j).array();
        const auto y = output.col(j).array();
        switch (a) {
        case Activation::Identity: break;
        case Activation::ReLU: g = (y > 0.0f).select(g, 0.0f); break;
        // The slope is >= 0, so the output's sign is the input's.
        case Activation::LeakyReLU: g = (y > 0.0f).select(g, g * leakySlope); break;
        case Activation::Tanh: g *= 1.0f - y.square(); break;
        case Activation::Sigmoid: g *= y * (1.0f - y); break;
        case Activation::GELU: {
            const auto x = Eigen::Map<const Eigen::ArrayXf>(preActivation + j * rows, rows);
            g *= 0.5f * (1.0f + (x * kInvSqrt2).erf()) + x * kInvSqrt2Pi * (-0.5f * x.square()).exp();
            break;
        }
        }
    }
}

} // namespace tw
