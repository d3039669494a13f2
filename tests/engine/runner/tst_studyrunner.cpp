#include "runner/StudyRunner.h"
#include "samplers/RandomSampler.h"
#include "study/InMemoryStorage.h"

#include <QtTest>

#include <atomic>
#include <mutex>

using tw::StopRequest;
using tw::StudyRunner;
using tw::TrialContext;
using tw::TrialEvent;
using tw::TrialOutcome;
using tw::TrialState;

namespace {

std::shared_ptr<tw::Study> makeStudy(tw::InMemoryStorage& storage, int trials)
{
    tw::StudyRecord r;
    r.name = "s";
    const auto rec = storage.createStudy(r);
    tw::StudyOptions o;
    o.maxTrials = trials;
    return std::make_shared<tw::Study>(
        storage, rec, tw::SearchSpace({{"x", tw::Distribution::makeFloat(-1.0, 1.0), std::nullopt}}),
        std::make_shared<tw::RandomSampler>(3), nullptr, o);
}

TrialOutcome square(TrialContext& ctx)
{
    const double x = ctx.param("x");
    return TrialOutcome::complete(x * x);
}

} // namespace

// #18 (item 5): the one study runner of the workbench and the command line, stopped
// through one StopRequest with two levels.
class tst_StudyRunner : public QObject {
    Q_OBJECT
private slots:
    void eventsArriveAsTheSignalAndThroughOnEvent()
    {
        tw::InMemoryStorage storage;
        auto study = makeStudy(storage, 6);
        StudyRunner runner;
        std::mutex mutex;
        int started = 0, finished = 0, sinkCalls = 0, lastFinished = 0;
        QObject::connect(&runner, &StudyRunner::trialEvent, &runner, [&](const TrialEvent& e) {
            std::lock_guard lock(mutex);
            if (e.kind == TrialEvent::Kind::Started)
                ++started;
            else if (e.kind == TrialEvent::Kind::Finished) {
                ++finished;
                lastFinished = std::max(lastFinished, e.finishedThisRun);
            }
        }, Qt::DirectConnection);
        tw::StudyLoopOptions options;
        options.parallel = 2;
        options.onEvent = [&](const TrialEvent&) {
            std::lock_guard lock(mutex);
            ++sinkCalls;
        };
        const auto summary = runner.run(*study, square, options, StopRequest());
        QCOMPARE(summary.complete, 6);
        QVERIFY(!summary.paused && !summary.cancelled);
        QCOMPARE(started, 6);
        QCOMPARE(finished, 6);
        QCOMPARE(lastFinished, 6);
        QCOMPARE(sinkCalls, 12);
        QCOMPARE(StudyRunner::finishedTowardBudget(*study), 6);
    }

    void aRequestPausedBeforeTheRunStartsNoTrial()
    {
        tw::InMemoryStorage storage;
        auto study = makeStudy(storage, 5);
        StudyRunner runner;
        StopRequest stop;
        stop.pause();
        const auto summary = runner.run(*study, square, {}, stop);
        QCOMPARE(summary.started, 0);
        QVERIFY(summary.paused);
        QVERIFY(!summary.cancelled);
        QVERIFY(storage.trials(study->id()).empty());
    }

    void pauseLetsTheRunningTrialFinish()
    {
        tw::InMemoryStorage storage;
        auto study = makeStudy(storage, 20);
        StudyRunner runner;
        StopRequest stop;
        // Paused from inside the third trial: it completes, and no trial starts after it.
        const auto summary = runner.run(*study, [stop](TrialContext& ctx) mutable {
            if (ctx.number() == 2)
                stop.pause();
            return TrialOutcome::complete(ctx.number());
        }, {}, stop);
        QVERIFY(summary.paused && !summary.cancelled);
        QCOMPARE(summary.started, 3);
        QCOMPARE(summary.complete, 3);
        QCOMPARE(StudyRunner::finishedTowardBudget(*study), 3);
    }

    void cancelStopsTheRunningTrialAndQueuesItAgain()
    {
        tw::InMemoryStorage storage;
        auto study = makeStudy(storage, 20);
        StudyRunner runner;
        StopRequest stop;
        // The trial waits for the cancel token, as training checks it at batch boundaries.
        const auto summary = runner.run(*study, [stop](TrialContext& ctx) mutable {
            stop.cancel();
            if (!ctx.stopRequested())
                return TrialOutcome::failed("the cancel did not reach the trial");
            return TrialOutcome::pruned();
        }, {}, stop);
        QVERIFY(summary.cancelled);
        QVERIFY(summary.paused);
        QCOMPARE(summary.started, 1);
        const auto trials = storage.trials(study->id());
        QCOMPARE(trials.size(), std::size_t(2));
        QCOMPARE(trials[0].reason, std::string("cancelled"));
        QVERIFY(trials[1].state == TrialState::Waiting);  // runs again on the next run
        QCOMPARE(StudyRunner::finishedTowardBudget(*study), 0);

        // The next run, with a new request, runs it and the rest of the budget.
        const auto again = runner.run(*study, square, {}, StopRequest());
        QVERIFY(!again.paused && !again.cancelled);
        QCOMPARE(again.complete, 20);
        QCOMPARE(StudyRunner::finishedTowardBudget(*study), 20);
    }
};

QTEST_GUILESS_MAIN(tst_StudyRunner)
#include "tst_studyrunner.moc"
