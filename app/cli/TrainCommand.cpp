// tunewright-cli train SPEC: train the spec's objective once, printing the JSON lines of
// the command-objective protocol, so that it can itself be a study's command objective.
#include "CliArgs.h"
#include "CliCommand.h"
#include "io/FileWriter.h"
#include "modelio/ModelFile.h"
#include "objectives/TrainArtifacts.h"
#include "objectives/TrainObjective.h"
#include "spec/ParamsJson.h"
#include "spec/StudySpecParser.h"

#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>

namespace tw::cli {

namespace {

// Training ran and failed (diverged): neither bad input nor an internal error.
constexpr int kExitTrainingFailed = 3;

const char* kUsage =
    "Usage: tunewright-cli train SPEC.json [--params JSON|@FILE] [--init-model FILE] [--save-model FILE]\n"
    "                         [--save-misclassified FILE]\n"
    "\n"
    "Trains the spec's train objective once. Prints one JSON line per epoch,\n"
    "  {\"step\": 3, \"value\": 0.91, \"metrics\": {\"train_loss\": 0.3, ...}}\n"
    "and then the result,\n"
    "  {\"value\": 0.93, \"metrics\": {...}, \"test\": {\"accuracy\": 0.97, \"loss\": 0.08}}\n"
    "where value is the spec's metric: the output of a command objective.\n"
    "  --params JSON|@FILE  values set into the objective by dotted path, as the search space\n"
    "                       names them ({\"training.learning_rate\": 0.01}); a bare object or\n"
    "                       an `export --best` file; @FILE reads FILE\n"
    "  --init-model FILE    start from this model file's weights and preprocessing (the spec's\n"
    "                       model must have the same shape, classes and features)\n"
    "  --save-model FILE    write the trained model file (with epochs 0: the initial weights)\n"
    "  --save-misclassified FILE  an image classifier's misclassified validation rows (up to\n"
    "                       64, most confident first), as the study's `misclassified` artifact\n"
    "Exit codes: 0 success, 2 bad input (message on stderr), 3 training failed (diverged),\n"
    "1 the model file cannot be written.\n";

void printLine(const QJsonObject& o)
{
    const QByteArray line = QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stdout);
    // A study reading this as a command objective prunes on these lines as they come.
    std::fflush(stdout);
}

int run(const QStringList& raw)
{
    QTextStream err(stderr);
    CliArgs args(raw, {"params", "init-model", "save-model", "save-misclassified"});
    if (args.wantsHelp()) {
        QTextStream(stdout) << kUsage;
        return ExitOk;
    }
    if (!args.ok() || args.positionals().size() != 1) {
        err << "tunewright-cli train: " << (args.ok() ? QString("expected one SPEC file") : args.error()) << "\n\n"
            << kUsage;
        return ExitBadInput;
    }
    for (const char* option : {"save-model", "save-misclassified"})
        if (args.value(option) == "-") {
            err << "tunewright-cli train: --" << option << " -: standard output carries the JSON lines; "
                   "name a file\n";
            return ExitBadInput;
        }
    const QString specFile = args.positionals().first();
    auto spec = StudySpecParser::parseFile(specFile);
    if (!spec) {
        err << spec.error() << "\n";
        return ExitBadInput;
    }
    if (!spec->objective.isTrain()) {
        err << specFile << ": objective.type: tunewright-cli train needs a \"train\" objective, got \""
            << spec->objective.json.value("type").toString() << "\"\n";
        return ExitBadInput;
    }
    QJsonObject params;
    if (args.has("params")) {
        auto parsed = ParamsJson::readArgument(args.value("params"));
        if (!parsed) {
            err << "tunewright-cli train: --params: " << parsed.error() << "\n";
            return ExitBadInput;
        }
        params = parsed.value();
    }
    const auto objective = TrainObjective::forTrial(spec->objective.json, params, spec->metric);
    if (!objective) {
        err << specFile << (params.isEmpty() ? ": " : " with --params: ") << objective.error() << "\n";
        return ExitBadInput;
    }
    if (args.has("save-misclassified") && !objective->dataset.knownImageShape()) {
        err << "tunewright-cli train: --save-misclassified: " << objective->dataset.source
            << " has no image shape; misclassified images need an image dataset (builtin:digits, "
               "builtin:fashion_mnist, or a CSV with objective.dataset.image_shape)\n";
        return ExitBadInput;
    }
    std::optional<SavedModel> init;
    if (args.has("init-model")) {
        auto loaded = ModelFile::load(args.value("init-model"));
        if (!loaded) {
            err << "tunewright-cli train: --init-model: " << loaded.error() << "\n";
            return ExitBadInput;
        }
        init = std::move(loaded).value();
    }

    TrainObjective train;
    TrainObjective::Options options;
    options.initModel = init ? &*init : nullptr;
    options.onEpoch = [](const TrainEpochRecord& e) { printLine(TrainArtifacts::epochLine(e)); };
    TrainObjectiveResult result = train.run(objective.value(), spec->metric, {}, {}, {}, options);
    if (result.status != TrainObjectiveResult::Status::Complete) {
        if (result.badInput) {
            const bool aboutInit = result.reason.rfind("the initial model", 0) == 0;
            err << specFile << ": "
                << (aboutInit ? QString("--init-model %1: ").arg(args.value("init-model")) : QString())
                << QString::fromStdString(result.reason) << "\n";
            return ExitBadInput;
        }
        err << "tunewright-cli train: training failed: " << QString::fromStdString(result.reason) << "\n";
        return kExitTrainingFailed;
    }
    printLine(TrainArtifacts::finalLine(result));
    if (args.has("save-model")) {
        SavedModel& model = *result.model;
        model.provenance.study = spec->name.toStdString();
        model.provenance.params = params;
        const QString error = ModelFile::save(model, args.value("save-model"));
        if (!error.isEmpty()) {
            err << "tunewright-cli train: --save-model: " << error << "\n";
            return ExitInternal;
        }
        err << "wrote " << args.value("save-model") << "\n";
    }
    if (args.has("save-misclassified")) {
        if (!result.misclassified) {
            err << "tunewright-cli train: --save-misclassified: nothing written: only an image classifier "
                   "with validation rows has misclassified images\n";
            return ExitBadInput;
        }
        const QString error =
            FileWriter::write(args.value("save-misclassified"), TrainArtifacts::misclassifiedJson(*result.misclassified));
        if (!error.isEmpty()) {
            err << "tunewright-cli train: --save-misclassified: " << error << "\n";
            return ExitInternal;
        }
        err << "wrote " << args.value("save-misclassified") << "\n";
    }
    return ExitOk;
}

const CliCommand::Registrar registrar({"train", "train a spec's model once, printing JSON lines per epoch", run});

} // namespace

} // namespace tw::cli
