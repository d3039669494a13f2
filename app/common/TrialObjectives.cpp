#include "TrialObjectives.h"

#include "functions/TestFunctions.h"
#include "objectives/CommandRunner.h"
#include "spec/SpecSearchSpace.h"

#include <stdexcept>

namespace tw {

namespace {

StudyOptimizer::Objective functionObjective(const StudySpec& spec)
{
    std::shared_ptr<const TestFunction> fn = TestFunctions::byName(
        spec.objective.function.name.toStdString(), spec.objective.function.dim);
    return [fn](TrialContext& ctx) { return TrialOutcome::complete(fn->evaluate(ctx.params())); };
}

StudyOptimizer::Objective commandObjective(const StudySpec& spec, const QString& studyName,
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
        return TrialOutcome::failed(result.reason.toStdString());
    };
}

} // namespace

StudyOptimizer::Objective TrialObjectives::make(const StudySpec& spec, const QString& studyName,
                                                EpochSink epochs)
{
    switch (spec.objective.type) {
    case ObjectiveSpec::Type::Function:
        return functionObjective(spec);
    case ObjectiveSpec::Type::Command:
        return commandObjective(spec, studyName, std::move(epochs));
    case ObjectiveSpec::Type::Train:
        break;
    }
    throw std::invalid_argument("objective.type: train objectives need the training engine");
}

} // namespace tw
