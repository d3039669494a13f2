#pragma once
#include <vector>

namespace tw {

// One block of `objective.model.conv`: convolution -> [batch norm] -> activation ->
// pooling of size and stride `pool` (1: none).
struct ConvBlockSpec {
    enum class Padding { Same, Valid };
    int filters = 32;  // required, >= 1
    int kernel = 3;    // odd, >= 1
    int stride = 1;    // >= 1
    Padding padding = Padding::Same;
    int pool = 1;      // >= 1
    bool operator==(const ConvBlockSpec&) const = default;
};

// `objective.model`. Every key is accepted whatever the type, so a search over
// `model.type` may keep the MLP's (and the CNN's) keys; they are ignored where they do
// not apply.
struct ModelSpec {
    enum class Type { Linear, Logistic, Softmax, Mlp, Cnn }; // "linear", "logistic", "softmax", "mlp", "cnn"
    enum class Activation { Relu, LeakyRelu, Tanh, Sigmoid, Gelu };
    enum class Init { Auto, He, Xavier }; // auto: He for ReLU-like, Xavier for tanh/sigmoid
    enum class PoolType { Max, Avg };

    Type type = Type::Mlp;
    std::vector<int> hidden = {64}; // units per hidden layer, each >= 1; may be empty
    Activation activation = Activation::Relu;
    double leakySlope = 0.01; // "leaky_slope", >= 0
    double dropout = 0.0;     // in [0, 1)
    bool batchNorm = false;   // "batch_norm"
    Init init = Init::Auto;
    // CNN: the conv blocks (default: 32 then 64 filters, 3x3 same, each pooled by 2),
    // "pool_type" and "global_pool".
    std::vector<ConvBlockSpec> conv = {{32, 3, 1, ConvBlockSpec::Padding::Same, 2},
                                       {64, 3, 1, ConvBlockSpec::Padding::Same, 2}};
    PoolType poolType = PoolType::Max;
    bool globalPool = false;
    bool hiddenGiven = false; // "hidden" was written (a CNN's default is [128], an MLP's [64])
};

} // namespace tw
