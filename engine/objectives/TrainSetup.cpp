#include "objectives/TrainSetup.h"

#include <algorithm>
#include <stdexcept>

namespace tw {

namespace {

Activation activationOf(ModelSpec::Activation a)
{
    switch (a) {
    case ModelSpec::Activation::Relu: return Activation::ReLU;
    case ModelSpec::Activation::LeakyRelu: return Activation::LeakyReLU;
    case ModelSpec::Activation::Tanh: return Activation::Tanh;
    case ModelSpec::Activation::Sigmoid: return Activation::Sigmoid;
    case ModelSpec::Activation::Gelu: return Activation::GELU;
    }
    return Activation::ReLU;
}

WeightInit initOf(ModelSpec::Init i)
{
    switch (i) {
    case ModelSpec::Init::Auto: return WeightInit::Auto;
    case ModelSpec::Init::He: return WeightInit::He;
    case ModelSpec::Init::Xavier: return WeightInit::Xavier;
    }
    return WeightInit::Auto;
}

std::string describeData(const Dataset& d, const std::string& name)
{
    const std::string who = name.empty() ? std::string("the data") : name;
    if (d.task == Task::Regression)
        return who + " is a regression dataset";
    return who + " has " + std::to_string(d.classCount()) + " classes";
}

} // namespace

ModelArchitecture TrainSetup::architecture(const ModelSpec& model, const TrainingSpec& training,
                                           const Dataset& train, const std::string& dataName)
{
    const int inputs = static_cast<int>(train.features());
    const bool classification = train.task == Task::Classification;
    const auto need = [&](bool ok, const char* type, const char* what) {
        if (!ok)
            throw std::invalid_argument(std::string("objective.model.type: \"") + type + "\" needs " + what + "; " +
                                        describeData(train, dataName));
    };
    if (classification && train.classCount() < 2)
        throw std::invalid_argument("objective.dataset: a classification needs at least 2 classes; " +
                                    describeData(train, dataName));
    ModelArchitecture a;
    switch (model.type) {
    case ModelSpec::Type::Linear:
        need(!classification, "linear", "a regression dataset");
        a = ModelArchitecture::linearRegression(inputs);
        break;
    case ModelSpec::Type::Logistic:
        need(classification && train.classCount() == 2, "logistic", "a classification dataset with 2 classes");
        a = ModelArchitecture::logisticRegression(inputs);
        break;
    case ModelSpec::Type::Softmax:
        need(classification, "softmax", "a classification dataset");
        a = ModelArchitecture::softmaxRegression(inputs, train.classCount());
        break;
    case ModelSpec::Type::Mlp:
        a = ModelArchitecture::forDataset(train, model.hidden, activationOf(model.activation),
                                          training.loss == TrainingSpec::Loss::BinaryCrossEntropy);
        a.leakySlope = static_cast<float>(model.leakySlope);
        a.dropout = static_cast<float>(model.dropout);
        a.batchNorm = model.batchNorm;
        break;
    case ModelSpec::Type::Cnn: {
        if (!train.imageShape)
            throw std::invalid_argument(
                "objective.model.type: \"cnn\" needs images, but " + (dataName.empty() ? std::string("the data") : dataName) +
                " has no image shape; for a CSV of pixel columns add \"image_shape\": [channels, height, width] "
                "to objective.dataset");
        const ModelArchitecture dense = ModelArchitecture::forDataset(
            train, model.hidden, activationOf(model.activation), training.loss == TrainingSpec::Loss::BinaryCrossEntropy);
        std::vector<ConvBlock> blocks;
        for (const ConvBlockSpec& b : model.conv)
            blocks.push_back(convBlock(b));
        a = ModelArchitecture::cnn(*train.imageShape, std::move(blocks), model.hidden, dense.outputs, dense.output,
                                   activationOf(model.activation));
        a.leakySlope = static_cast<float>(model.leakySlope);
        a.dropout = static_cast<float>(model.dropout);
        a.batchNorm = model.batchNorm;
        a.poolType = model.poolType == ModelSpec::PoolType::Avg ? PoolType::Avg : PoolType::Max;
        a.globalPool = model.globalPool;
        break;
    }
    }
    a.init = initOf(model.init);
    if (const std::string err = a.validationError(); !err.empty())
        throw std::invalid_argument("objective.model: " + err);
    return a;
}

ConvBlock TrainSetup::convBlock(const ConvBlockSpec& b)
{
    return ConvBlock{b.filters, b.kernel, b.stride,
                     b.padding == ConvBlockSpec::Padding::Valid ? Padding::Valid : Padding::Same, b.pool};
}

TrainerConfig TrainSetup::trainerConfig(const TrainingSpec& t)
{
    TrainerConfig c;
    c.epochs = t.epochs;
    c.batchSize = t.batchSize;
    c.shuffle = t.shuffle;
    c.seed = t.seed;
    c.threads = t.threads;

    using O = TrainingSpec::Optimizer;
    switch (t.optimizer) {
    case O::Sgd: c.optimizer.kind = OptimizerKind::Sgd; break;
    case O::Momentum: c.optimizer.kind = OptimizerKind::Momentum; break;
    case O::Nesterov: c.optimizer.kind = OptimizerKind::Nesterov; break;
    case O::AdaGrad: c.optimizer.kind = OptimizerKind::AdaGrad; break;
    case O::RmsProp: c.optimizer.kind = OptimizerKind::RmsProp; break;
    case O::Adam: c.optimizer.kind = OptimizerKind::Adam; break;
    case O::AdamW: c.optimizer.kind = OptimizerKind::AdamW; break;
    }
    c.optimizer.learningRate = static_cast<float>(t.learningRate);
    c.optimizer.momentum = static_cast<float>(t.momentum);
    c.optimizer.beta1 = static_cast<float>(t.beta1);
    c.optimizer.beta2 = static_cast<float>(t.beta2);
    c.optimizer.epsilon = static_cast<float>(t.epsilon);
    if (t.optimizer == O::AdamW)
        c.optimizer.weightDecay = static_cast<float>(t.weightDecay);
    else
        c.l2 = static_cast<float>(t.weightDecay);

    using L = TrainingSpec::Loss;
    switch (t.loss) {
    case L::Auto: c.loss.kind = LossKind::Auto; break;
    case L::Mse: c.loss.kind = LossKind::Mse; break;
    case L::Huber: c.loss.kind = LossKind::Huber; break;
    case L::CrossEntropy: c.loss.kind = LossKind::SoftmaxCrossEntropy; break;
    case L::BinaryCrossEntropy: c.loss.kind = LossKind::BinaryCrossEntropy; break;
    }
    c.loss.huberDelta = static_cast<float>(t.huberDelta);
    c.loss.labelSmoothing = static_cast<float>(t.labelSmoothing);
    c.gradientClipNorm = static_cast<float>(t.clipNorm);

    const ScheduleSpec& s = t.schedule;
    switch (s.type) {
    case ScheduleSpec::Type::Constant: c.schedule.kind = ScheduleKind::Constant; break;
    case ScheduleSpec::Type::Step: c.schedule.kind = ScheduleKind::Step; break;
    case ScheduleSpec::Type::Exponential: c.schedule.kind = ScheduleKind::Exponential; break;
    case ScheduleSpec::Type::Cosine: c.schedule.kind = ScheduleKind::Cosine; break;
    case ScheduleSpec::Type::Plateau: c.schedule.kind = ScheduleKind::ReduceOnPlateau; break;
    }
    c.schedule.warmupEpochs = s.warmupEpochs;
    c.schedule.stepEpochs = s.stepSize;
    c.schedule.gamma = s.gamma;
    c.schedule.minLearningRate = s.minLr;
    c.schedule.factor = s.factor;
    c.schedule.patience = s.patience;

    const EarlyStoppingSpec& e = t.earlyStopping;
    if (e.enabled) {
        c.earlyStopping.patience = e.patience;
        c.earlyStopping.minDelta = e.minDelta;
        c.earlyStopping.monitor = e.metric.toStdString();
        c.earlyStopping.restoreBestWeights = e.restoreBest;
    }
    return c;
}

} // namespace tw
