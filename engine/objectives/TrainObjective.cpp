#include "objectives/TrainObjective.h"

#include "BuildInfo.h"
#include "core/UserMessage.h"
#include "data/Augmenter.h"
#include "objectives/CurveRecorder.h"
#include "objectives/SpecDataLoader.h"
#include "objectives/TrainSetup.h"
#include "spec/ParamsJson.h"
#include "spec/StudySpecParser.h"
#include "train/Evaluator.h"
#include "train/PruningCheck.h"
#include "train/Trainer.h"

#include <QDateTime>

#include <chrono>
#include <cmath>
#include <stdexcept>

namespace tw {

namespace {

Preprocessor::Kind preprocessKind(DatasetSpec::Preprocess p)
{
    switch (p) {
    case DatasetSpec::Preprocess::None: return Preprocessor::Kind::None;
    case DatasetSpec::Preprocess::Standardize: return Preprocessor::Kind::Standardize;
    case DatasetSpec::Preprocess::MinMax: return Preprocessor::Kind::MinMax;
    }
    return Preprocessor::Kind::None;
}

DataFolds makeFolds(const LoadedDataset& loaded, const ObjectiveSpec& objective)
{
    const Dataset& data = loaded.data;
    const SplitSpec& s = objective.dataset.split;
    DataFolds out;
    out.officialTest = loaded.officialTest.has_value();
    // A publisher's test set is the test split: the data's own rows all go to training
    // and validation.
    const double test = out.officialTest ? 0.0 : s.test;
    std::vector<SplitIndices> splits;
    // The splitter speaks of its own arguments; the user reads the spec's keys.
    try {
        if (objective.cvFolds >= 2) {
            out.crossValidation = true;
            splits = out.officialTest
                         ? DataSplitter::kFold(data, objective.cvFolds, s.stratify, s.seed, s.shuffle)
                         : DataSplitter::crossValidation(data, test, objective.cvFolds, s.stratify,
                                                         s.seed, s.shuffle);
        } else {
            splits.push_back(DataSplitter::holdout(data, s.validation, test, s.stratify, s.seed, s.shuffle));
        }
    } catch (const std::invalid_argument& e) {
        const std::string why = UserMessage::clean(e.what());
        if (objective.cvFolds >= 2)
            throw std::invalid_argument("objective.cv_folds " + std::to_string(objective.cvFolds) +
                                        " does not fit the data: " + why +
                                        "; use fewer folds or more rows");
        throw std::invalid_argument("objective.dataset.split does not fit the data: " + why +
                                    "; lower split.validation or split.test, or use more rows");
    }
    for (auto& split : splits) {
        DataFold fold;
        fold.indices = std::move(split);
        fold.preprocessor = Preprocessor(preprocessKind(objective.dataset.preprocess));
        fold.preprocessor.fit(data.subset(fold.indices.train));
        out.folds.push_back(std::move(fold));
    }
    return out;
}

std::map<std::string, double> meanOf(const std::vector<std::map<std::string, double>>& maps)
{
    std::map<std::string, double> out;
    if (maps.empty())
        return out;
    for (const auto& [key, first] : maps.front()) {
        double sum = 0.0;
        bool everywhere = true;
        for (const auto& m : maps) {
            const auto it = m.find(key);
            if (it == m.end()) {
                everywhere = false;
                break;
            }
            sum += it->second;
        }
        if (everywhere)
            out[key] = sum / static_cast<double>(maps.size());
    }
    return out;
}

std::string metricSuffix(const std::string& metric)
{
    const auto underscore = metric.find('_');
    return underscore == std::string::npos ? metric : metric.substr(underscore + 1);
}

std::string describeArchitecture(const ModelArchitecture& a)
{
    // Appends only: GCC 12 warns falsely (-Wrestrict) on `"literal" + std::string&&`.
    std::string s = a.typeName();
    s += ' ';
    s += a.inputShape ? a.inputShape->toString() : std::to_string(a.inputs);
    for (const ConvBlock& b : a.conv) {
        s += "-conv";
        s += std::to_string(b.filters);
    }
    for (int h : a.hidden) {
        s += '-';
        s += std::to_string(h);
    }
    s += '-';
    s += std::to_string(a.outputs);
    s += " (";
    s += toString(a.output);
    s += a.batchNorm ? " output, batch norm)" : " output)";
    return s;
}

std::string joined(const std::vector<std::string>& names)
{
    std::string out;
    for (const auto& n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out;
}

// Empty when `init` can start training the spec's `arch` on `data`, else why not.
std::string initModelMismatch(const SavedModel& init, const ModelArchitecture& arch, const Dataset& data)
{
    const ModelArchitecture& a = init.model.architecture();
    if (a.inputs != arch.inputs || a.hidden != arch.hidden || a.outputs != arch.outputs || a.output != arch.output ||
        a.batchNorm != arch.batchNorm || a.inputShape != arch.inputShape || a.conv != arch.conv ||
        a.poolType != arch.poolType || a.globalPool != arch.globalPool)
        return "the initial model is a " + describeArchitecture(a) + ", the spec builds a " +
               describeArchitecture(arch);
    if (init.classLabels != data.classLabels)
        return "the initial model's classes are [" + joined(init.classLabels) + "], the data's [" +
               joined(data.classLabels) + "]";
    if (init.featureNames != data.featureNames)
        return "the initial model's features are [" + joined(init.featureNames) + "], the data's [" +
               joined(data.featureNames) + "]";
    return {};
}

// Adds the validation rows `ev` got wrong; `rows` maps validation rows to dataset rows.
void collectMistakes(const Evaluation& ev, const Dataset& validation, const std::vector<Eigen::Index>& rows, int fold,
                     MisclassifiedRows& out)
{
    out.validationRows += validation.rows();
    for (Eigen::Index i = 0; i < validation.rows(); ++i) {
        const int truth = static_cast<int>(validation.y(i));
        const int predicted = static_cast<int>(ev.predictions(i));
        if (truth == predicted)
            continue;
        ++out.total;
        out.rows.push_back(MisclassifiedRows::Row{static_cast<long long>(rows[static_cast<size_t>(i)]), truth,
                                                  predicted, ev.probabilities(i, predicted), fold});
    }
}

std::string statusReason(const std::string& reason, const DataFolds& folds, size_t f)
{
    if (!folds.crossValidation)
        return reason;
    return "fold " + std::to_string(f + 1) + " of " + std::to_string(folds.folds.size()) + ": " + reason;
}

} // namespace

TrainObjective::TrainObjective(std::shared_ptr<DatasetCache> cache)
    : m_cache(cache ? std::move(cache) : std::make_shared<DatasetCache>())
{
}

ParseResult<ObjectiveSpec> TrainObjective::forTrial(const QJsonObject& objectiveJson, const QJsonObject& params,
                                                    const QString& metric)
{
    auto applied = ParamsJson::applyToObjective(objectiveJson, params);
    if (!applied)
        return ParseResult<ObjectiveSpec>::failure(applied.error());
    return StudySpecParser::parseObjective(applied.value(), metric);
}

TrainObjectiveResult TrainObjective::run(const ObjectiveSpec& objective, const QString& metricName,
                                         std::stop_token stop, const Report& report, const EpochSink& epochs,
                                         const Options& options) const
{
    const auto started = std::chrono::steady_clock::now();
    const auto finish = [&](TrainObjectiveResult r) {
        r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return r;
    };
    const auto badInput = [](std::string reason) { return TrainObjectiveResult::failed(std::move(reason), true); };
    if (!objective.isTrain())
        return finish(badInput("objective.type: expected \"train\""));
    if (!StudySpecParser::trainMetricNames(false).contains(metricName))
        return finish(badInput(
            "metric: expected one of " + StudySpecParser::trainMetricNames(false).join(", ").toStdString() +
            ", got \"" + metricName.toStdString() + "\""));
    const std::string metric = metricName.toStdString();
    const auto cancelled = [&] {
        TrainObjectiveResult r;
        r.status = TrainObjectiveResult::Status::Cancelled;
        r.reason = "cancelled";
        return finish(std::move(r));
    };
    if (stop.stop_requested())
        return cancelled();

    TrainObjectiveResult result;
    try {
        const QJsonObject datasetJson = objective.json.value(QLatin1String("dataset")).toObject();
        const auto loaded = m_cache->loaded(SpecDataLoader::loadKey(datasetJson),
                                            [&] { return SpecDataLoader::load(objective.dataset); });
        const Dataset& data = loaded->data;
        const std::string source = objective.dataset.source.toStdString();
        if (data.rows() == 0)
            return finish(badInput(source + ": the dataset has no rows"));

        const std::string kind = metricSuffix(metric);
        const bool classifier = data.task == Task::Classification;
        if (classifier && (kind == "rmse" || kind == "mae" || kind == "r2"))
            return finish(badInput("metric: \"" + metric + "\" needs a regression dataset; " +
                                                       source + " is a classification dataset"));
        if (!classifier && (kind == "accuracy" || kind == "f1_macro"))
            return finish(badInput("metric: \"" + metric +
                                                       "\" needs a classification dataset; " + source +
                                                       " is a regression dataset"));

        const auto folds = m_cache->folds(SpecDataLoader::foldKey(datasetJson, objective.cvFolds),
                                          [&] { return makeFolds(*loaded, objective); });
        const bool hasValidation = !folds->folds.front().indices.validation.empty();
        if (metric.rfind("val_", 0) == 0 && !hasValidation)
            return finish(badInput("metric: \"" + metric +
                                                       "\" needs validation rows, but "
                                                       "objective.dataset.split.validation is 0"));

        const TrainerConfig config = TrainSetup::trainerConfig(objective.training);
        if (config.earlyStopping.patience > 0 && config.earlyStopping.monitor.rfind("val_", 0) == 0 && !hasValidation)
            return finish(badInput("objective.training.early_stopping.metric: \"" +
                                                       config.earlyStopping.monitor +
                                                       "\" needs validation rows, but "
                                                       "objective.dataset.split.validation is 0"));
        const ModelArchitecture arch = TrainSetup::architecture(objective.model, objective.training, data, source);
        const SavedModel* init = options.initModel;
        if (init) {
            if (const std::string why = initModelMismatch(*init, arch, data); !why.empty())
                return finish(badInput(why));
        }
        const Augmenter augmenter(objective.dataset.augment);
        const bool maximize = StudySpecParser::metricMaximizes(metricName);
        const int epochCount = objective.training.epochs;

        std::vector<std::map<std::string, double>> foldMetrics, foldTests;
        std::optional<ConfusionMatrix> confusion;
        if (classifier && hasValidation)
            confusion = ConfusionMatrix{data.classLabels,
                                        std::vector<std::vector<long long>>(
                                            data.classLabels.size(), std::vector<long long>(data.classLabels.size(), 0))};
        std::optional<MisclassifiedRows> misclassified;
        if (classifier && hasValidation && data.imageShape) {
            misclassified = MisclassifiedRows{};
            misclassified->labels = data.classLabels;
            misclassified->imageShape = data.imageShape;
        }
        std::optional<SavedModel> best;
        double bestValue = 0.0;

        for (size_t f = 0; f < folds->folds.size(); ++f) {
            const DataFold& fold = folds->folds[f];
            const Preprocessor& pre = init ? init->preprocessor : fold.preprocessor;
            Dataset train = data.subset(fold.indices.train);
            Dataset validation = data.subset(fold.indices.validation);
            Dataset test = folds->officialTest ? *loaded->officialTest : data.subset(fold.indices.test);
            pre.transform(train);
            pre.transform(validation);
            if (test.rows() > 0)
                pre.transform(test);
            if (!augmenter.isEmpty())
                augmenter.validateFor(train);

            Model model = init ? Model(arch, init->model.parameters(), init->model.buffers())
                               : Model(arch, objective.training.seed);
            Trainer trainer(config);
            if (!augmenter.isEmpty())
                trainer.setAugmentation([&augmenter](const Dataset& d, std::uint64_t seed) {
                    AugmentedData a = augmenter.apply(d, seed);
                    return std::make_pair(std::move(a.data), std::move(a.softTargets));
                });
            trainer.addCallback(std::make_shared<CurveRecorder>(
                result.history, metric, static_cast<int>(f), epochCount, [&](const TrainEpochRecord& rec) {
                    if (options.onEpoch)
                        options.onEpoch(rec);
                    if (epochs)
                        epochs(EpochEvent{options.trialNumber, rec.step, rec.value, rec.metrics});
                }));
            const auto pruning =
                std::make_shared<PruningCheck>(report, metric, static_cast<std::int64_t>(f) * epochCount);
            trainer.addCallback(pruning);

            const TrainResult tr = trainer.train(model, train, validation, stop);
            switch (tr.status) {
            case TrainStatus::Failed: {
                TrainObjectiveResult failed = TrainObjectiveResult::failed(statusReason(tr.reason, *folds, f));
                // Trainer failures are divergence; bad data was caught before training.
                failed.history = std::move(result.history);
                return finish(std::move(failed));
            }
            case TrainStatus::Cancelled: {
                TrainObjectiveResult r = cancelled();
                r.history = std::move(result.history);
                return r;
            }
            case TrainStatus::Stopped:
                result.status = TrainObjectiveResult::Status::Pruned;
                result.reason = "pruned at step " + std::to_string(pruning->prunedAt());
                return finish(std::move(result));
            case TrainStatus::Completed:
                break;
            }

            foldMetrics.push_back(tr.finalMetrics);
            const auto it = tr.finalMetrics.find(metric);
            const double foldValue = it == tr.finalMetrics.end() ? std::nan("") : it->second;
            result.foldValues.push_back(foldValue);
            if (test.rows() > 0)
                foldTests.push_back(evaluate(model, test, config.loss).metrics);
            if (confusion && validation.rows() > 0) {
                const Evaluation ev = evaluate(model, validation, config.loss);
                for (Eigen::Index t = 0; t < ev.confusion.rows(); ++t)
                    for (Eigen::Index p = 0; p < ev.confusion.cols(); ++p)
                        confusion->counts[static_cast<size_t>(t)][static_cast<size_t>(p)] += ev.confusion(t, p);
                if (misclassified)
                    collectMistakes(ev, validation, fold.indices.validation, static_cast<int>(f), *misclassified);
            }
            // With folds, the model kept is the fold's with the best metric: a model of
            // the data it was tuned on, without a further training run.
            const bool better = !best || (maximize ? foldValue > bestValue : foldValue < bestValue);
            if (better) {
                SavedModel m;
                m.model = std::move(model);
                m.preprocessor = pre;
                m.task = data.task;
                m.targetName = data.targetName;
                m.featureNames = data.featureNames;
                m.classLabels = data.classLabels;
                m.imageShape = data.imageShape;
                m.inputs = init ? init->inputs : ModelInputColumn::fromLoaded(*loaded);
                m.provenance.dataset = source;
                m.provenance.metrics = tr.finalMetrics;
                if (!foldTests.empty() && test.rows() > 0)
                    m.provenance.testMetrics = foldTests.back();
                best = std::move(m);
                bestValue = foldValue;
            }
        }

        result.metrics = meanOf(foldMetrics);
        result.testMetrics = meanOf(foldTests);
        result.confusion = std::move(confusion);
        if (misclassified)
            misclassified->keepMostConfident();
        result.misclassified = std::move(misclassified);
        const auto value = result.metrics.find(metric);
        result.value = value == result.metrics.end() ? std::nan("") : value->second;
        if (std::isnan(result.value)) {
            TrainObjectiveResult failed =
                TrainObjectiveResult::failed("the metric " + metric + " is not a number (NaN) for the trained model");
            failed.history = std::move(result.history);
            return finish(std::move(failed));
        }
        best->provenance.metric = metric;
        best->provenance.value = folds->crossValidation ? bestValue : result.value;
        best->provenance.created =
            QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString();
        best->provenance.tunewrightVersion = build::version;
        result.model = std::move(best);
        result.status = TrainObjectiveResult::Status::Complete;
        return finish(std::move(result));
    } catch (const std::exception& e) {
        // Bad data, a spec the data cannot satisfy (a linear model on classes, an image
        // augmentation without images), a split too small: the trial fails, it says why.
        TrainObjectiveResult failed = TrainObjectiveResult::failed(UserMessage::clean(e.what()), true);
        failed.history = std::move(result.history);
        return finish(std::move(failed));
    }
}

} // namespace tw
