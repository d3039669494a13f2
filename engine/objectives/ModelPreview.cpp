#include "objectives/ModelPreview.h"

#include "io/BuiltinDatasets.h"
#include "ml/Model.h"
#include "ml/Network.h"
#include "objectives/TrainSetup.h"
#include "spec/SpecError.h"
#include "spec/parse/DatasetSectionParser.h"
#include "spec/parse/ModelSectionParser.h"
#include "spec/parse/TrainingSectionParser.h"

#include <QJsonArray>

#include <map>
#include <mutex>

namespace tw {

namespace {

// The class names of a built-in dataset; empty for the others (and for a built-in that
// cannot be read). Read once per name: they never change.
std::vector<std::string> builtinClasses(const QString& name)
{
    if (name == QLatin1String("fashion_mnist"))
        return BuiltinDatasets::fashionMnistClasses();
    static std::mutex mutex;
    static std::map<QString, std::vector<std::string>> cache;
    std::lock_guard lock(mutex);
    const auto it = cache.find(name);
    if (it != cache.end())
        return it->second;
    std::vector<std::string> labels;
    try {
        const LoadedDataset loaded = BuiltinDatasets::load(name.toStdString());
        if (loaded.data.task == Task::Classification)
            labels = loaded.data.classLabels;
    } catch (const std::exception&) {
    }
    cache[name] = labels;
    return labels;
}

} // namespace

ModelPreview ModelPreview::of(const QJsonObject& objective)
{
    ModelPreview p;
    const JsonPath root = JsonPath::fromText(QStringLiteral("objective"));
    const QJsonValue datasetJson = objective.value(QLatin1String("dataset"));
    p.source = datasetJson.toObject().value(QLatin1String("source")).toString();
    DatasetSpec dataset;
    try {
        dataset = specparse::DatasetSectionParser::parse(SpecReader(datasetJson, root.key(QStringLiteral("dataset"))));
        p.input = dataset.knownImageShape();
    } catch (const SpecError&) {
        return p; // the form shows the dataset's own message
    }
    const QJsonObject modelJson = objective.value(QLatin1String("model")).toObject();
    const QJsonValue convJson = modelJson.value(QLatin1String("conv"));
    std::vector<ConvBlock> blocks;
    if (convJson.isArray()) {
        const QJsonArray conv = convJson.toArray();
        p.blocks = static_cast<int>(conv.size());
        for (qsizetype i = 0; i < conv.size(); ++i) {
            try {
                blocks.push_back(TrainSetup::convBlock(specparse::ModelSectionParser::parseConvBlock(
                    conv.at(i), root.key(QStringLiteral("model")).key(QStringLiteral("conv")).index(i))));
            } catch (const SpecError&) {
                break;
            }
        }
    } else if (convJson.isUndefined() || convJson.isNull()) {
        for (const ConvBlockSpec& b : ModelSpec().conv) // the parser's default blocks
            blocks.push_back(TrainSetup::convBlock(b));
        p.blocks = static_cast<int>(blocks.size());
    }
    if (!p.input)
        return p;
    ModelArchitecture shapes = ModelArchitecture::cnn(*p.input, blocks, {}, 2, OutputKind::Softmax);
    p.shapes = shapes.convShapes();
    if (static_cast<int>(blocks.size()) < p.blocks)
        return p;
    ModelSpec model;
    TrainingSpec training;
    try {
        model = specparse::ModelSectionParser::parse(SpecReader(modelJson, root.key(QStringLiteral("model"))));
        const QJsonValue trainingJson = objective.value(QLatin1String("training"));
        if (trainingJson.isObject())
            training = specparse::TrainingSectionParser::parse(SpecReader(trainingJson, root.key(QStringLiteral("training"))),
                                                               QStringLiteral("val_loss"));
    } catch (const SpecError&) {
        return p;
    }
    shapes.globalPool = model.globalPool;
    if (!shapes.validationError().empty())
        return p; // a map smaller than 1x1: the parser's message says where
    p.denseInputs = shapes.denseInputs();
    // The architecture a trial builds, for data of this shape (the rows do not matter).
    std::vector<std::string> labels;
    if (dataset.sourceKind == DatasetSpec::SourceKind::Builtin)
        labels = builtinClasses(dataset.sourceName);
    p.classes = static_cast<int>(labels.size());
    Dataset header;
    header.x = FeatureMatrix(0, static_cast<Eigen::Index>(p.input->size()));
    header.task = Task::Classification;
    header.imageShape = p.input;
    header.classLabels = labels.size() >= 2 ? labels : std::vector<std::string>{"0", "1"};
    model.type = ModelSpec::Type::Cnn;
    try {
        const ModelArchitecture a = TrainSetup::architecture(model, training, header);
        long long count = Model::parameterCount(a);
        if (p.classes == 0) {
            const Network net(a, 1);
            count -= net.layers().back()->parameterCount();
        }
        p.parameters = count;
    } catch (const std::exception&) {
    }
    return p;
}

} // namespace tw
