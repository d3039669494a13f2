#include "TrialObjectives.h"

#include "ModelRetention.h"
#include "functions/TestFunctions.h"
#include "modelio/ModelFile.h"
#include "objectives/CommandRunner.h"
#include "objectives/TrainArtifacts.h"
#include "objectives/TrainObjective.h"
#include "spec/SpecSearchSpace.h"
#include "study/Study.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>

#include <stdexcept>

namespace tw {

namespace {

StudyLoop::Objective functionObjective(const StudySpec& spec)
{
    std::shared_ptr<const TestFunction> fn = TestFunctions::byName(
        spec.objective.function.name.toStdString(), spec.objective.function.dim);
    return [fn](TrialContext& ctx) { return TrialOutcome::complete(fn->evaluate(ctx.params())); };
}

std::string compact(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString();
}

StudyLoop::Objective commandObjective(const StudySpec& spec, const QString& studyName,
                                           TrialObjectives::EpochSink epochs)
{
    const CommandObjectiveSpec command = spec.objective.command;
    return [command, studyName, epochs](TrialContext& ctx) {
        CommandRunner::Request request;
        request.argv = command.argv;
        request.workdir = command.workdir;
        request.params = SpecSearchSpace::toJson(ctx.params(), ctx.trial().distributions);
        request.trialNumber = ctx.number();
        request.studyName = studyName;
        request.timeoutSeconds = command.timeoutS;
        request.pruneGraceSeconds = command.pruneGraceS;
        request.trialDir = CommandRunner::trialDirFor(command.workdir, studyName, ctx.number());
        for (auto it = command.env.cbegin(); it != command.env.cend(); ++it)
            request.env.insert(it.key(), it.value());
        const auto result = CommandRunner::run(
            request,
            [&ctx, &epochs](long long step, double value) {
                if (epochs)
                    epochs({ctx.number(), step, value, {}});
                return ctx.report(step, value);
            },
            ctx.stopToken(), StudyStorage::logCap());
        ctx.appendLog("stdout", result.stdoutLog.toStdString());
        ctx.appendLog("stderr", result.stderrLog.toStdString());
        if (result.status == CommandRunner::Status::Complete && !result.metrics.empty())
            ctx.setSystemAttr("metrics", compact(TrainArtifacts::metricsJson(result.metrics)));
        switch (result.status) {
        case CommandRunner::Status::Complete:
            return TrialOutcome::complete(*result.value);
        case CommandRunner::Status::Pruned:
            return TrialOutcome::pruned(result.reason.toStdString());
        case CommandRunner::Status::Cancelled:
            return TrialOutcome::failed("cancelled");
        case CommandRunner::Status::Failed:
            break;
        }
        return TrialOutcome::failed(result.reason.toStdString(), result.environment
                                                                     ? TrialOutcome::Cause::Environment
                                                                     : TrialOutcome::Cause::Setup);
    };
}

// One TrainObjective (and so one dataset cache) for all the trials of this run.
StudyLoop::Objective trainObjective(const StudySpec& spec, const QString& studyName,
                                         TrialObjectives::EpochSink epochs)
{
    auto train = std::make_shared<TrainObjective>();
    const QJsonObject objectiveJson = spec.objective.json;
    const QString metric = spec.metric;
    return [train, objectiveJson, metric, studyName, epochs](TrialContext& ctx) {
        const QJsonObject params = SpecSearchSpace::toJson(ctx.params(), ctx.trial().distributions);
        const auto objective = TrainObjective::forTrial(objectiveJson, params, metric);
        if (!objective) {
            ctx.appendLog("train", objective.error().toStdString() + "\n");
            return TrialOutcome::failed(objective.error().toStdString(), TrialOutcome::Cause::Setup);
        }
        const bool folds = objective->cvFolds >= 2;
        TrainObjective::Options options;
        options.trialNumber = ctx.number();
        options.onEpoch = [&ctx, folds](const TrainEpochRecord& e) {
            ctx.appendLog("train", TrainArtifacts::logLine(e, folds));
        };
        TrainObjectiveResult r = train->run(
            objective.value(), metric, ctx.stopToken(),
            [&ctx](std::int64_t step, double value) { return ctx.report(step, value); }, epochs, options);

        if (!r.history.empty())
            ctx.study().storage().putArtifact(ctx.trial().id, "curve",
                                              TrainArtifacts::curveJson(r.history).toStdString());
        switch (r.status) {
        case TrainObjectiveResult::Status::Pruned:
            return TrialOutcome::pruned(r.reason);
        case TrainObjectiveResult::Status::Cancelled:
            return TrialOutcome::failed("cancelled");
        case TrainObjectiveResult::Status::Failed:
            ctx.appendLog("train", "failed: " + r.reason + "\n");
            return TrialOutcome::failed(r.reason, r.badInput ? TrialOutcome::Cause::Setup : TrialOutcome::Cause::Trial);
        case TrainObjectiveResult::Status::Complete:
            break;
        }
        ctx.setSystemAttr("metrics", compact(TrainArtifacts::metricsJson(r.metrics)));
        ctx.setSystemAttr("test_metrics", compact(TrainArtifacts::metricsJson(r.testMetrics)));
        if (folds) {
            QJsonArray values;
            for (double v : r.foldValues)
                values.append(v);
            ctx.setSystemAttr("fold_values", QJsonDocument(values).toJson(QJsonDocument::Compact).toStdString());
        }
        if (r.confusion)
            ctx.study().storage().putArtifact(ctx.trial().id, "confusion",
                                              TrainArtifacts::confusionJson(*r.confusion).toStdString());
        if (r.misclassified)
            ctx.study().storage().putArtifact(ctx.trial().id, "misclassified",
                                              TrainArtifacts::misclassifiedJson(*r.misclassified).toStdString());
        char summary[128];
        std::snprintf(summary, sizeof summary, "complete: %s = %.6g in %.2fs\n", metric.toUtf8().constData(), r.value,
                      r.seconds);
        ctx.appendLog("train", summary);
        if (r.model) {
            r.model->provenance.study = studyName.toStdString();
            r.model->provenance.trial = ctx.number();
            r.model->provenance.params = params;
            ModelRetention::keep(ctx.study(), ctx.trial(), r.value, ModelFile::toBytes(*r.model).toStdString());
        }
        return TrialOutcome::complete(r.value);
    };
}

} // namespace

StudyLoop::Objective TrialObjectives::make(const StudySpec& spec, const QString& studyName,
                                                EpochSink epochs)
{
    switch (spec.objective.type) {
    case ObjectiveSpec::Type::Function:
        return functionObjective(spec);
    case ObjectiveSpec::Type::Command:
        return commandObjective(spec, studyName, std::move(epochs));
    case ObjectiveSpec::Type::Train:
        return trainObjective(spec, studyName, std::move(epochs));
    }
    throw std::invalid_argument("TrialObjectives::make(): unknown objective type");
}

} // namespace tw
