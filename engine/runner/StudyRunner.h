#pragma once
#include "study/OptimizeSummary.h"
#include "study/StopRequest.h"
#include "study/Study.h"
#include "study/StudyLoop.h"
#include "study/StudyLoopOptions.h"
#include "study/TrialEvent.h"

#include <QObject>

namespace tw {

// The one way a study's trials are run, by the workbench (on its engine thread) and by
// the command line (on its main thread): a StudyLoop run on the calling thread, stopped
// through the run's StopRequest (pause: the running trials finish; cancel: they stop at
// their next batch), its rare events out as a signal. What to run (the study, its
// objective) comes from the caller: app/common's StudySession builds them from a spec.
class StudyRunner : public QObject {
    Q_OBJECT
public:
    explicit StudyRunner(QObject* parent = nullptr);

    // Blocks until the run ends. `stop` is the run's request: copies of it pause or cancel
    // the run from any thread, also before it starts (the run then starts no trial).
    // `options.onEvent`, when set, is called before the signal is emitted. Rethrows what
    // StudyLoop::run() throws (a storage failure).
    OptimizeSummary run(Study& study, StudyLoop::Objective objective, StudyLoopOptions options,
                        const StopRequest& stop);

    // The study's finished trials that count toward its budget (cancelled ones do not):
    // where a run's progress starts from.
    static int finishedTowardBudget(Study& study);

signals:
    // Emitted on the loop's trial threads, one at a time: a receiver living on another
    // thread (the window) gets it queued, a direct connection (the terminal) at once.
    void trialEvent(const tw::TrialEvent& event);
};

} // namespace tw

Q_DECLARE_METATYPE(tw::TrialEvent)
