#pragma once
#include <vector>

namespace tw {

// `objective.model`. Every key is accepted whatever the type, so a search over
// `model.type` may keep the MLP's keys; they are ignored by the linear models.
struct ModelSpec {
    enum class Type { Linear, Logistic, Softmax, Mlp }; // "linear", "logistic", "softmax", "mlp"
    enum class Activation { Relu, LeakyRelu, Tanh, Sigmoid, Gelu };
    enum class Init { Auto, He, Xavier }; // auto: He for ReLU-like, Xavier for tanh/sigmoid

    Type type = Type::Mlp;
    std::vector<int> hidden = {64}; // units per hidden layer, each >= 1; may be empty
    Activation activation = Activation::Relu;
    double leakySlope = 0.01; // "leaky_slope", >= 0
    double dropout = 0.0;     // in [0, 1)
    bool batchNorm = false;   // "batch_norm"
    Init init = Init::Auto;
};

} // namespace tw
