#pragma once
// Checks a Layer's backward() against central differences of forward(), for its
// parameters and its input, on the objective sum(R .* out) with a fixed random R.
#include "ml/Layer.h"
#include "support/GradientCheck.h"

namespace tw::test {

struct LayerGradientErrors {
    double parameters = 0.0;
    double input = 0.0;
};

inline LayerGradientErrors checkLayerGradients(Layer& layer, const Eigen::VectorXf& params,
                                               const Eigen::VectorXf& buffers, const Eigen::MatrixXf& input,
                                               float h, bool training = true, std::uint64_t seed = 7)
{
    const Eigen::Index n = input.cols();
    const Eigen::Index inRows = layer.inputSize();
    const Eigen::Index outRows = layer.outputSize();
    layer.reserve(n);
    Eigen::MatrixXf out(outRows, n);
    const Eigen::MatrixXf r = randomMatrix(outRows, n, 99);
    const float* buf = buffers.size() ? buffers.data() : nullptr;
    const auto objective = [&](const Eigen::VectorXf& p, const float* x) {
        layer.forward(p.data(), buf, ConstMatrixMap(x, inRows, n), MatrixMap(out.data(), outRows, n), training, seed);
        return weightedSum(out, r);
    };

    objective(params, input.data());
    Eigen::MatrixXf dOut = r;
    Eigen::VectorXf grad = Eigen::VectorXf::Constant(params.size(), 12345.0f);  // must be overwritten
    Eigen::MatrixXf dIn(inRows, n);
    layer.backward(params.data(), ConstMatrixMap(input.data(), inRows, n), ConstMatrixMap(out.data(), outRows, n),
                   MatrixMap(dOut.data(), outRows, n), dIn.data(), grad.data());
    const Eigen::VectorXf analyticInput = Eigen::Map<const Eigen::VectorXf>(dIn.data(), dIn.size());

    LayerGradientErrors errors;
    if (params.size() > 0) {
        const Eigen::VectorXd numeric =
            numericGradient([&](const Eigen::VectorXf& p) { return objective(p, input.data()); }, params, h);
        errors.parameters = maxRelativeError(grad, numeric);
    }
    const Eigen::VectorXf flat = Eigen::Map<const Eigen::VectorXf>(input.data(), input.size());
    const Eigen::VectorXd numericInput =
        numericGradient([&](const Eigen::VectorXf& x) { return objective(params, x.data()); }, flat, h);
    errors.input = maxRelativeError(analyticInput, numericInput);
    return errors;
}

} // namespace tw::test
