#include "runner/StudyRunner.h"

namespace tw {

StudyRunner::StudyRunner(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<tw::TrialEvent>();
}

OptimizeSummary StudyRunner::run(Study& study, StudyLoop::Objective objective, StudyLoopOptions options,
                                 const StopRequest& stop)
{
    auto callerSink = std::move(options.onEvent);
    options.onEvent = [this, callerSink = std::move(callerSink)](const TrialEvent& e) {
        if (callerSink)
            callerSink(e);
        emit trialEvent(e);
    };
    StudyLoop loop(study, std::move(objective), std::move(options));
    return loop.run(stop);
}

int StudyRunner::finishedTowardBudget(Study& study)
{
    int done = 0;
    study.visitTrials([&](const FrozenTrial& t) {
        if (isFinished(t.state) && StudyStorage::countsTowardBudget(t))
            ++done;
    });
    return done;
}

} // namespace tw
