// GCC 12 warns inside its own AVX-512 intrinsics (_mm512_undefined_ps) when Eigen packet
// code is inlined here with -march=native; the warning is about the compiler's header.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

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

// The (leaky) ReLU backward pass, g where y > 0 and slope * g elsewhere, as a functor with
// a packet path: Eigen 3.4's select() has none, and its scalar branch on random signs
// cost about a third of an MLP's training time (measured with perf on bench_mlp_training).
struct ReluBackward {
    float slope;
    float operator()(float g, float y) const { return y > 0.0f ? g : g * slope; }
    template <typename Packet>
    Packet packetOp(const Packet& g, const Packet& y) const
    {
        using namespace Eigen::internal;
        const Packet positive = pcmp_lt(pzero(y), y);
        // pselect, not a multiply by a 0/1 mask: ReLU must pass 0, never NaN, for an
        // infinite gradient where the unit is off.
        return pselect(positive, g, slope == 0.0f ? pzero(g) : pmul(g, pset1<Packet>(slope)));
    }
};

} // namespace
} // namespace tw

template <>
struct Eigen::internal::functor_traits<tw::ReluBackward> {
    enum { Cost = 3, PacketAccess = true };
};

namespace tw {

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
        case Activation::ReLU: g = g.binaryExpr(y, ReluBackward{0.0f}); break;
        // The slope is >= 0, so the output's sign is the input's.
        case Activation::LeakyReLU: g = g.binaryExpr(y, ReluBackward{leakySlope}); break;
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
