#include "ml/ModelArchitecture.h"

#include <sstream>

namespace tw {

std::string_view toString(OutputKind k)
{
    switch (k) {
    case OutputKind::Identity: return "identity";
    case OutputKind::Sigmoid: return "sigmoid";
    case OutputKind::Softmax: return "softmax";
    }
    return "identity";
}

std::optional<OutputKind> outputKindFromString(std::string_view name)
{
    for (OutputKind k : {OutputKind::Identity, OutputKind::Sigmoid, OutputKind::Softmax})
        if (toString(k) == name)
            return k;
    return std::nullopt;
}

std::string_view toString(WeightInit w)
{
    switch (w) {
    case WeightInit::Auto: return "auto";
    case WeightInit::He: return "he";
    case WeightInit::Xavier: return "xavier";
    }
    return "auto";
}

std::optional<WeightInit> weightInitFromString(std::string_view name)
{
    for (WeightInit w : {WeightInit::Auto, WeightInit::He, WeightInit::Xavier})
        if (toString(w) == name)
            return w;
    return std::nullopt;
}

std::string_view toString(Padding p)
{
    return p == Padding::Valid ? "valid" : "same";
}

std::optional<Padding> paddingFromString(std::string_view name)
{
    if (name == "same")
        return Padding::Same;
    if (name == "valid")
        return Padding::Valid;
    return std::nullopt;
}

std::string_view toString(PoolType p)
{
    return p == PoolType::Avg ? "avg" : "max";
}

std::optional<PoolType> poolTypeFromString(std::string_view name)
{
    if (name == "max")
        return PoolType::Max;
    if (name == "avg")
        return PoolType::Avg;
    return std::nullopt;
}

namespace {

int convolvedSide(int side, int kernel, int stride, Padding padding)
{
    if (stride < 1 || side < 1)
        return 0;
    if (padding == Padding::Same)
        return (side + stride - 1) / stride;
    return side < kernel ? 0 : (side - kernel) / stride + 1;
}

} // namespace

ImageShape convolvedShape(const ImageShape& in, int filters, int kernel, int stride, Padding padding)
{
    return ImageShape{filters, convolvedSide(in.height, kernel, stride, padding),
                      convolvedSide(in.width, kernel, stride, padding)};
}

ImageShape pooledShape(const ImageShape& in, int pool)
{
    if (pool <= 1)
        return in;
    return ImageShape{in.channels, in.height / pool, in.width / pool};
}

ModelArchitecture ModelArchitecture::cnn(ImageShape input, std::vector<ConvBlock> conv, std::vector<int> hidden,
                                         int outputs, OutputKind output, Activation activation)
{
    ModelArchitecture a = mlp(static_cast<int>(input.size()), std::move(hidden), outputs, output, activation);
    a.inputShape = input;
    a.conv = std::move(conv);
    return a;
}

std::vector<ImageShape> ModelArchitecture::convShapes() const
{
    std::vector<ImageShape> shapes;
    if (!inputShape)
        return shapes;
    ImageShape s = *inputShape;
    for (const ConvBlock& b : conv) {
        if (s.isValid())
            s = pooledShape(convolvedShape(s, b.filters, b.kernel, b.stride, b.padding), b.pool);
        shapes.push_back(s);
    }
    return shapes;
}

int ModelArchitecture::denseInputs() const
{
    if (!inputShape)
        return inputs;
    const std::vector<ImageShape> shapes = convShapes();
    const ImageShape last = shapes.empty() ? *inputShape : shapes.back();
    return static_cast<int>(globalPool ? last.channels : last.size());
}

ModelArchitecture ModelArchitecture::linearRegression(int inputs)
{
    ModelArchitecture a;
    a.inputs = inputs;
    a.outputs = 1;
    a.output = OutputKind::Identity;
    return a;
}

ModelArchitecture ModelArchitecture::logisticRegression(int inputs)
{
    ModelArchitecture a;
    a.inputs = inputs;
    a.outputs = 1;
    a.output = OutputKind::Sigmoid;
    return a;
}

ModelArchitecture ModelArchitecture::softmaxRegression(int inputs, int classes)
{
    ModelArchitecture a;
    a.inputs = inputs;
    a.outputs = classes;
    a.output = OutputKind::Softmax;
    return a;
}

ModelArchitecture ModelArchitecture::mlp(int inputs, std::vector<int> hidden, int outputs,
                                         OutputKind output, Activation activation)
{
    ModelArchitecture a;
    a.inputs = inputs;
    a.hidden = std::move(hidden);
    a.outputs = outputs;
    a.output = output;
    a.activation = activation;
    return a;
}

ModelArchitecture ModelArchitecture::forDataset(const Dataset& data, std::vector<int> hidden,
                                                Activation activation, bool preferSigmoid)
{
    const int inputs = static_cast<int>(data.features());
    if (data.task == Task::Regression)
        return mlp(inputs, std::move(hidden), 1, OutputKind::Identity, activation);
    if (data.classCount() == 2 && preferSigmoid)
        return mlp(inputs, std::move(hidden), 1, OutputKind::Sigmoid, activation);
    return mlp(inputs, std::move(hidden), data.classCount(), OutputKind::Softmax, activation);
}

std::string ModelArchitecture::typeName() const
{
    if (isCnn())
        return "cnn";
    if (!hidden.empty())
        return "mlp";
    switch (output) {
    case OutputKind::Identity: return "linear_regression";
    case OutputKind::Sigmoid: return "logistic_regression";
    case OutputKind::Softmax: return "softmax_regression";
    }
    return "mlp";
}

int ModelArchitecture::classCount() const
{
    switch (output) {
    case OutputKind::Identity: return 0;
    case OutputKind::Sigmoid: return 2;
    case OutputKind::Softmax: return outputs;
    }
    return 0;
}

WeightInit ModelArchitecture::hiddenInit() const
{
    if (init != WeightInit::Auto)
        return init;
    switch (activation) {
    case Activation::ReLU:
    case Activation::LeakyReLU:
    case Activation::GELU: return WeightInit::He;
    case Activation::Identity:
    case Activation::Tanh:
    case Activation::Sigmoid: return WeightInit::Xavier;
    }
    return WeightInit::Xavier;
}

std::string ModelArchitecture::validationError() const
{
    std::ostringstream err;
    if (inputs < 1)
        err << "inputs: must be >= 1, got " << inputs;
    else if (outputs < 1)
        err << "outputs: must be >= 1, got " << outputs;
    else if (output == OutputKind::Sigmoid && outputs != 1)
        err << "outputs: a sigmoid output has exactly 1 logit, got " << outputs;
    else if (output == OutputKind::Softmax && outputs < 2)
        err << "outputs: a softmax output needs >= 2 classes, got " << outputs;
    else if (!(leakySlope >= 0.0f && leakySlope < 1.0f))
        err << "leakySlope: must be in [0, 1), got " << leakySlope;
    else if (!(dropout >= 0.0f && dropout < 1.0f))
        err << "dropout: must be in [0, 1), got " << dropout;
    else if (inputShape && !inputShape->isValid())
        err << "input shape: must be at least 1x1x1, got " << inputShape->toString();
    else if (inputShape && inputShape->size() != inputs)
        err << "inputs: the input shape " << inputShape->toString() << " has " << inputShape->size()
            << " values, inputs is " << inputs;
    else if (!inputShape && !conv.empty())
        err << "conv: conv blocks need an input shape";
    else {
        ImageShape s = inputShape ? *inputShape : ImageShape{};
        for (size_t i = 0; i < conv.size(); ++i) {
            const ConvBlock& b = conv[i];
            const std::string at = "conv[" + std::to_string(i) + "]";
            if (b.filters < 1) {
                err << at << ".filters: must be >= 1, got " << b.filters;
                return err.str();
            }
            if (b.kernel < 1 || b.kernel % 2 == 0) {
                err << at << ".kernel: must be odd and >= 1, got " << b.kernel;
                return err.str();
            }
            if (b.stride < 1) {
                err << at << ".stride: must be >= 1, got " << b.stride;
                return err.str();
            }
            if (b.pool < 1) {
                err << at << ".pool: must be >= 1, got " << b.pool;
                return err.str();
            }
            const ImageShape c = convolvedShape(s, b.filters, b.kernel, b.stride, b.padding);
            if (!c.isValid()) {
                err << at << ": a valid " << b.kernel << "x" << b.kernel << " convolution does not fit the "
                    << s.toString() << " map";
                return err.str();
            }
            const ImageShape p = pooledShape(c, b.pool);
            if (!p.isValid()) {
                err << at << ".pool: pooling by " << b.pool << " makes the " << c.toString()
                    << " map smaller than 1x1";
                return err.str();
            }
            s = p;
        }
        for (size_t i = 0; i < hidden.size(); ++i) {
            if (hidden[i] < 1) {
                err << "hidden[" << i << "]: must be >= 1, got " << hidden[i];
                break;
            }
        }
    }
    return err.str();
}

} // namespace tw
