#pragma once
#include "data/Dataset.h"
#include "ml/Activation.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tw {

// What the last layer's outputs mean. The network itself always ends in a linear layer
// (logits); the loss and the predictions apply the output function, which keeps
// cross-entropy numerically stable.
enum class OutputKind {
    Identity,  // regression: the outputs are the predicted values
    Sigmoid,   // binary classification: one logit, P(class 1) = sigmoid(logit)
    Softmax    // multi-class classification: one logit per class
};
enum class WeightInit {
    Auto,    // He for the ReLU family and GELU, Xavier for tanh, sigmoid and linear models
    He,      // He et al. 2015: normal, std sqrt(2 / fan_in) (scaled for LeakyReLU's slope)
    Xavier   // Glorot & Bengio 2010: uniform in +-sqrt(6 / (fan_in + fan_out))
};

enum class Padding {
    Same,  // output ceil(H / stride) x ceil(W / stride), zero padding split as TensorFlow does
    Valid  // no padding: output floor((H - kernel) / stride) + 1
};
enum class PoolType { Max, Avg };

// One convolution block of a CNN: convolution (filters x kernel x kernel, stride,
// padding) -> [batch norm] -> activation -> pooling of size and stride `pool` (1: none).
struct ConvBlock {
    int filters = 32;
    int kernel = 3;  // odd, >= 1
    int stride = 1;
    Padding padding = Padding::Same;
    int pool = 1;
    bool operator==(const ConvBlock&) const = default;
};

std::string_view toString(OutputKind k);
std::optional<OutputKind> outputKindFromString(std::string_view name);
std::string_view toString(WeightInit w);
std::optional<WeightInit> weightInitFromString(std::string_view name);
std::string_view toString(Padding p);
std::optional<Padding> paddingFromString(std::string_view name);
std::string_view toString(PoolType p);
std::optional<PoolType> poolTypeFromString(std::string_view name);

// The feature-map shape after a convolution / a pooling step (may be invalid, 0 wide).
ImageShape convolvedShape(const ImageShape& in, int filters, int kernel, int stride, Padding padding);
ImageShape pooledShape(const ImageShape& in, int pool);

// Everything needed to rebuild a model's layers: with the flat parameter and buffer
// vectors (Model) it is a complete model. A plain value, compared with ==, written to and
// read from model files by tw_engine.
//
// The layers, in order: for each hidden width h, Dense(h) [+ BatchNorm(h)] + activation
// [+ Dropout]; then Dense(outputs) with no activation. With no hidden layers it is a
// linear, logistic or softmax regression.
//
// A CNN (inputShape set; inputs == inputShape->size()) puts in front, for each conv block,
// Conv2D [+ BatchNorm2D] + activation [+ MaxPool2D or AvgPool2D], then GlobalAvgPool
// (globalPool) or Flatten, then the dense layers above.
struct ModelArchitecture {
    int inputs = 0;
    std::vector<int> hidden;
    int outputs = 1;
    OutputKind output = OutputKind::Identity;
    Activation activation = Activation::ReLU;
    float leakySlope = 0.01f;  // LeakyReLU only, in [0, 1)
    float dropout = 0.0f;      // after every hidden activation, in [0, 1)
    bool batchNorm = false;    // between every hidden Dense and its activation
    WeightInit init = WeightInit::Auto;
    // CNN only.
    std::optional<ImageShape> inputShape;
    std::vector<ConvBlock> conv;
    PoolType poolType = PoolType::Max;
    bool globalPool = false;

    static ModelArchitecture linearRegression(int inputs);
    static ModelArchitecture logisticRegression(int inputs);
    static ModelArchitecture softmaxRegression(int inputs, int classes);
    static ModelArchitecture mlp(int inputs, std::vector<int> hidden, int outputs, OutputKind output,
                                 Activation activation = Activation::ReLU);
    // An output layer fitting the dataset: regression -> 1 identity output; 2 classes ->
    // one sigmoid logit when preferSigmoid, else softmax over the classes.
    static ModelArchitecture forDataset(const Dataset& data, std::vector<int> hidden,
                                        Activation activation = Activation::ReLU,
                                        bool preferSigmoid = false);

    static ModelArchitecture cnn(ImageShape input, std::vector<ConvBlock> conv, std::vector<int> hidden,
                                 int outputs, OutputKind output, Activation activation = Activation::ReLU);

    bool isCnn() const { return inputShape.has_value(); }
    // The feature-map shape after each conv block (empty for a dense model). Shapes may
    // be invalid (0 wide) where validationError() reports it.
    std::vector<ImageShape> convShapes() const;
    // What the dense layers see: the flattened (or globally pooled) last map, or inputs.
    int denseInputs() const;

    // "linear_regression", "logistic_regression", "softmax_regression", "mlp" or "cnn".
    std::string typeName() const;
    Task task() const { return output == OutputKind::Identity ? Task::Regression : Task::Classification; }
    // Number of classes the outputs stand for (2 for a sigmoid output), 0 for regression.
    int classCount() const;
    // The initialisation actually used for hidden layers (Auto resolved).
    WeightInit hiddenInit() const;
    // Empty when valid, else what is wrong ("hidden[1]: must be >= 1", "conv[2]: pool 2
    // makes the 1x1 map smaller than 1x1").
    std::string validationError() const;

    bool operator==(const ModelArchitecture&) const = default;
};

} // namespace tw
