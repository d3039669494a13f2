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
    else {
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
