// ctest-labels: unit tsan
#include "pruners/MedianPruner.h"
#include "samplers/GridSampler.h"
#include "samplers/RandomSampler.h"
#include "study/InMemoryStorage.h"
#include "study/StudyLoop.h"
#include "study/TrialOwner.h"

#include <QtTest>

#include <atomic>
#include <condition_variable>
#include <set>
#include <thread>

using tw::Distribution;
using tw::TrialContext;
using tw::TrialOutcome;
using tw::TrialState;

namespace {

tw::StudyRecord newStudy(tw::StudyStorage& s, const std::string& name = "s")
{
    tw::StudyRecord r;
    r.name = name;
    return s.createStudy(r);
}

tw::SearchSpace space()
{
    return tw::SearchSpace({{"x", Distribution::makeFloat(-1.0, 1.0), std::nullopt},
                            {"n", Distribution::makeInt(1, 100, true), std::nullopt}});
}

std::shared_ptr<tw::Study> makeStudy(tw::InMemoryStorage& storage, const tw::StudyRecord& rec,
                                     tw::StudyOptions o = {}, std::uint64_t seed = 1,
                                     std::shared_ptr<const tw::Pruner> pruner = nullptr)
{
    return std::make_shared<tw::Study>(storage, rec, space(), std::make_shared<tw::RandomSampler>(seed),
                                       pruner, o);
}

tw::FrozenTrial foreignTrial(tw::InMemoryStorage& storage, const tw::StudyRecord& rec, const tw::TrialOwner& owner)
{
    tw::FrozenTrial t;
    t.state = TrialState::Running;
    t.started = tw::Clock::now();
    t.heartbeat = t.started;
    t.systemAttrs["owner"] = owner.toJson();
    return *storage.createTrial(rec.id, t);
}

} // namespace

class tst_StudyLoop : public QObject {
    Q_OBJECT
private slots:
    void runsToTheBudgetInParallel()
    {
        tw::InMemoryStorage storage;
        const auto rec = newStudy(storage);
        tw::StudyOptions so;
        so.maxTrials = 40;
        auto study = makeStudy(storage, rec, so);
        std::atomic<int> running{0}, maxRunning{0}, started{0}, finished{0};
        std::atomic<bool> inCallback{false}, overlapped{false};
        std::mutex m;
        std::condition_variable cv;
        tw::StudyLoopOptions oo;
        oo.parallel = 4;
        oo.onEvent = [&](const tw::TrialEvent& e) {
            if (inCallback.exchange(true))
                overlapped = true;
            (e.kind == tw::TrialEvent::Kind::Started ? started : finished)++;
            if (e.kind == tw::TrialEvent::Kind::Finished && !e.best)
                overlapped = true;  // a complete trial exists by then: best is set
            inCallback = false;
        };
        tw::StudyLoop opt(*study, [&](TrialContext& ctx) {
            const int now = ++running;
            int seen = maxRunning.load();
            while (now > seen && !maxRunning.compare_exchange_weak(seen, now)) {
            }
            {
                // The first trials wait (up to 5 s) until four run at once.
                std::unique_lock lock(m);
                cv.notify_all();
                if (ctx.number() < 4)
                    cv.wait_for(lock, std::chrono::seconds(5), [&] { return maxRunning.load() >= 4; });
            }
            --running;
            return TrialOutcome::complete(ctx.param("x"));
        }, oo);
        const auto summary = opt.run();
        QCOMPARE(summary.started, 40);
        QCOMPARE(summary.complete, 40);
        QVERIFY(summary.reason == tw::StopReason::TrialBudget);
        QCOMPARE(maxRunning.load(), 4);
        QCOMPARE(started.load(), 40);
        QCOMPARE(finished.load(), 40);
        QVERIFY(!overlapped);
        QCOMPARE(storage.trials(rec.id).size(), std::size_t(40));
    }

    // N = 1: the same seed gives the same suggestions. Random: the same per trial number
    // whatever N (the documented rule for N > 1).
    void determinism()
    {
        auto runOnce = [](int parallel, std::uint64_t seed) {
            tw::InMemoryStorage storage;
            const auto rec = newStudy(storage);
            tw::StudyOptions so;
            so.maxTrials = 30;
            auto study = makeStudy(storage, rec, so, seed);
            tw::StudyLoopOptions oo;
            oo.parallel = parallel;
            tw::StudyLoop opt(*study, [](TrialContext& ctx) {
                return TrialOutcome::complete(ctx.param("x") * ctx.param("n"));
            }, oo);
            opt.run();
            std::vector<tw::ParamValues> out;
            for (const auto& t : storage.trials(rec.id))
                out.push_back(t.params);
            return out;
        };
        const auto a = runOnce(1, 5);
        QCOMPARE(a, runOnce(1, 5));
        QCOMPARE(a, runOnce(3, 5));
        QVERIFY(a != runOnce(1, 6));
    }

    void outcomesAndExceptions()
    {
        tw::InMemoryStorage storage;
        const auto rec = newStudy(storage);
        tw::StudyOptions so;
        so.maxTrials = 6;
        auto study = makeStudy(storage, rec, so);
        tw::StudyLoop opt(*study, [](TrialContext& ctx) -> TrialOutcome {
            switch (ctx.number()) {
            case 0: return TrialOutcome::complete(1.0);
            case 1: return TrialOutcome::pruned("low accuracy");
            case 2: return TrialOutcome::failed("exit code 3");
            case 3: throw std::runtime_error("loss became NaN at epoch 7");
            case 4: return TrialOutcome::complete(std::nan(""));
            default: return TrialOutcome{TrialState::Complete, std::nullopt, {}};
            }
        });
        const auto s = opt.run();
        QCOMPARE(s.complete, 1);
        QCOMPARE(s.pruned, 1);
        QCOMPARE(s.failed, 4);
        const auto all = storage.trials(rec.id);
        QCOMPARE(all[1].reason, std::string("low accuracy"));
        QCOMPARE(all[2].reason, std::string("exit code 3"));
        QCOMPARE(all[3].reason, std::string("loss became NaN at epoch 7"));
        QVERIFY(QString::fromStdString(all[4].reason).contains("NaN"));
        QVERIFY(QString::fromStdString(all[5].reason).contains("no value"));
    }

    void reportPrunes()
    {
        tw::InMemoryStorage storage;
        const auto rec = newStudy(storage);
        tw::StudyOptions so;
        so.maxTrials = 12;
        auto study = makeStudy(storage, rec, so, 1, std::make_shared<tw::MedianPruner>(3));
        tw::StudyLoop opt(*study, [](TrialContext& ctx) {
            // Trials after the third get worse curves on odd numbers.
            const double base = ctx.number() >= 3 && ctx.number() % 2 ? 10.0 : 1.0;
            for (int step = 0; step < 5; ++step)
                if (ctx.report(step, base + step))
                    return TrialOutcome::pruned("pruned at step " + std::to_string(step));
            return TrialOutcome::complete(base);
        });
        const auto s = opt.run();
        QVERIFY(s.pruned >= 4);
        for (const auto& t : storage.trials(rec.id))
            if (t.state == TrialState::Pruned)
                QCOMPARE(t.intermediate.size(), std::size_t(1));  // stopped at its first report
    }

    void pauseFinishesRunningTrials()
    {
        tw::InMemoryStorage storage;
        const auto rec = newStudy(storage);
        auto study = makeStudy(storage, rec);
        tw::StopRequest stop;
        tw::StudyLoopOptions oo;
        oo.parallel = 2;
        tw::StudyLoop opt(*study, [&](TrialContext& ctx) {
            if (ctx.number() == 5 || ctx.number() == 12)
                stop.pause();
            return TrialOutcome::complete(1.0);
        }, oo);
        const auto s = opt.run(stop);
        QVERIFY(s.paused && !s.cancelled);
        QVERIFY(stop.pauseRequested() && !stop.cancelRequested());
        QVERIFY(s.started >= 6 && s.started <= 7);
        QCOMPARE(s.complete, s.started);
        for (const auto& t : storage.trials(rec.id))
            QVERIFY(t.state == TrialState::Complete);
        // Running again, with a new request, resumes up to the next pause (at trial 12).
        stop = tw::StopRequest();
        const auto more = opt.run(stop);
        QVERIFY(more.paused);
        QVERIFY(more.started >= 12 - s.started + 1);
        QCOMPARE(int(storage.trials(rec.id).size()), s.started + more.started);
    }

    void cancelStopsRunningTrials()
    {
        tw::InMemoryStorage storage;
        const auto rec = newStudy(storage);
        auto study = makeStudy(storage, rec);
        std::atomic<int> waiting{0};
        tw::StopRequest stop;
        tw::StudyLoopOptions oo;
        oo.parallel = 3;
        tw::StudyLoop opt(*study, [&](TrialContext& ctx) {
            ++waiting;
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
            while (!ctx.stopRequested() && std::chrono::steady_clock::now() < deadline)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            return TrialOutcome::pruned();
        }, oo);
        std::thread canceller([&waiting, copy = stop]() mutable {
            while (waiting.load() < 3)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            copy.cancel();  // from another thread, through a copy of the run's request
        });
        const auto s = opt.run(stop);
        canceller.join();
        QVERIFY(s.cancelled);
        QCOMPARE(s.started, 3);
        QCOMPARE(s.failed, 3);
        // #13: the reason is "cancelled" (not "cancelled: cancelled"), and each cancelled
        // trial is queued again, without using a retry, for the next run.
        const auto all = storage.trials(rec.id);
        QCOMPARE(all.size(), std::size_t(6));
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(all[i].reason, std::string("cancelled"));
            QCOMPARE(all[i].systemAttrs.at("retried"), std::string("true"));
            QVERIFY(!tw::StudyStorage::countsTowardBudget(all[i]));
        }
        std::set<std::string> copies;
        for (int i = 3; i < 6; ++i) {
            QVERIFY(all[i].state == TrialState::Waiting);
            QVERIFY(!all[i].systemAttrs.count("retry_attempt"));
            QCOMPARE(all[i].systemAttrs.at("requeues"), std::string("0"));
            copies.insert(all[i].systemAttrs.at("requeue_of"));
        }
        QCOMPARE(copies, (std::set<std::string>{"0", "1", "2"}));
    }

    // #13 (item 18): k trials in a row failing with the same reason stop the run; a
    // complete trial or another reason starts the count again; 0 turns it off.
    void consecutiveFailuresStopTheRun()
    {
        for (int k : {0, 3}) {
            tw::InMemoryStorage storage;
            const auto rec = newStudy(storage);
            tw::StudyOptions so;
            so.maxTrials = 20;
            auto study = makeStudy(storage, rec, so);
            tw::StudyLoopOptions oo;
            oo.maxConsecutiveFailures = k;
            // Trials 0-1 fail "a", 2 completes, 3 fails "b", 4-5 fail "a", then all fail
            // "missing.csv" with a varying second line.
            tw::StudyLoop opt(*study, [](TrialContext& ctx) {
                const int n = ctx.number();
                if (n == 2)
                    return TrialOutcome::complete(1.0);
                if (n < 6)
                    return TrialOutcome::failed(n == 3 ? "b" : "a");
                return TrialOutcome::failed("missing.csv\ntrial " + std::to_string(n),
                                            TrialOutcome::Cause::Setup);
            }, oo);
            const auto s = opt.run();
            if (k == 0) {
                QCOMPARE(s.started, 20);
                QVERIFY(s.reason == tw::StopReason::TrialBudget);
                continue;
            }
            QCOMPARE(s.started, 9);
            QVERIFY(s.reason == tw::StopReason::ConsecutiveFailures);
            QVERIFY(!s.paused);
            QCOMPARE(s.failureReason, std::string("missing.csv\ntrial 8"));
            QVERIFY(s.failureCause == TrialOutcome::Cause::Setup);
        }
    }

    // A trial that fails after the budget is used up is retried within the same run.
    void retryAfterTheBudgetRunsHere()
    {
        tw::InMemoryStorage storage;
        const auto rec = newStudy(storage);
        tw::StudyOptions so;
        so.maxTrials = 5;
        so.maxRetries = 1;
        so.retryFailed = true;
        auto study = makeStudy(storage, rec, so);
        tw::StudyLoopOptions oo;
        oo.parallel = 2;
        tw::StudyLoop opt(*study, [](TrialContext& ctx) {
            if (ctx.number() == 4)
                return TrialOutcome::failed("flaky");
            return TrialOutcome::complete(1.0);
        }, oo);
        const auto s = opt.run();
        QCOMPARE(s.started, 6);
        const auto all = storage.trials(rec.id);
        QCOMPARE(all.size(), std::size_t(6));
        QVERIFY(all[5].state == TrialState::Complete);
        QVERIFY2(all[5].systemAttrs.count("retry_of"), "the last trial is not the retry");
        QCOMPARE(all[5].systemAttrs.at("retry_of"), std::string("4"));
    }

    // Resume after a crash: a trial left Running long ago (by an older version, with no
    // owner recorded) is failed as stale, re-queued, and its copy runs.
    void resumeFailsAndRetriesStaleTrials()
    {
        tw::InMemoryStorage storage;
        const auto rec = newStudy(storage);
        tw::FrozenTrial orphan;
        orphan.state = TrialState::Running;
        orphan.started = tw::Clock::now() - std::chrono::hours(1);
        orphan.params = {{"x", 0.5}, {"n", 10.0}};
        orphan.distributions = {{"x", space().find("x")->distribution}, {"n", space().find("n")->distribution}};
        storage.createTrial(rec.id, orphan);
        tw::StudyOptions so;
        so.maxTrials = 3;
        so.maxRetries = 0;  // #13: a stale trial runs again without using a retry
        auto study = makeStudy(storage, rec, so);
        tw::StudyLoop opt(*study, [](TrialContext& ctx) { return TrialOutcome::complete(ctx.param("x")); });
        const auto s = opt.run();
        QCOMPARE(s.complete, 3);
        const auto all = storage.trials(rec.id);
        QCOMPARE(all.size(), std::size_t(4));
        QVERIFY(all[0].state == TrialState::Failed);
        QVERIFY(QString::fromStdString(all[0].reason).startsWith("stale"));
        QCOMPARE(all[1].systemAttrs.at("requeue_of"), std::string("0"));
        QCOMPARE(all[1].params.at("x"), 0.5);
    }

    // #13 (item 1): when only a trial of another machine's process (whose death cannot be
    // checked from here) stands between the run and its budget, the run says so and waits;
    // with no heartbeat it goes stale within grace, and runs here.
    void waitsForAnUnprovableOwnerThenRunsItsTrial()
    {
        tw::InMemoryStorage storage;
        const auto rec = newStudy(storage);
        tw::TrialOwner remote = tw::TrialOwner::self();
        remote.bootId = "another-machine";
        const auto foreign = foreignTrial(storage, rec, remote);
        tw::StudyOptions so;
        so.maxTrials = 2;
        so.grace = std::chrono::seconds(1);
        auto study = makeStudy(storage, rec, so);
        tw::StudyLoopOptions oo;
        oo.heartbeatInterval = std::chrono::milliseconds(50);
        std::vector<std::string> notes;
        oo.onEvent = [&](const tw::TrialEvent& e) {
            if (e.kind == tw::TrialEvent::Kind::Waiting)
                notes.push_back(e.note);
        };
        tw::StudyLoop opt(*study, [](TrialContext& ctx) { return TrialOutcome::complete(ctx.param("x")); }, oo);
        const auto s = opt.run();
        QCOMPARE(s.complete, 2);
        QCOMPARE(notes.size(), std::size_t(1));
        QVERIFY2(notes[0].find("trial #0") != std::string::npos, notes[0].c_str());
        QVERIFY(QString::fromStdString(storage.trial(foreign.id).reason).startsWith("stale"));
        for (const auto& t : storage.trials(rec.id))
            QVERIFY(t.state == TrialState::Complete || t.id == foreign.id);
    }

    // ...but a trial whose heartbeat moves belongs to a live process: the run ends.
    void aBeatingForeignTrialIsLeftToItsOwner()
    {
        tw::InMemoryStorage storage;
        const auto rec = newStudy(storage);
        tw::TrialOwner remote = tw::TrialOwner::self();
        remote.bootId = "another-machine";
        const auto foreign = foreignTrial(storage, rec, remote);
        std::atomic<bool> done{false};
        std::thread beater([&] {
            while (!done) {
                storage.heartbeat(foreign.id, tw::Clock::now());
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        });
        tw::StudyOptions so;
        so.maxTrials = 2;
        so.grace = std::chrono::seconds(30);
        auto study = makeStudy(storage, rec, so);
        tw::StudyLoopOptions oo;
        oo.heartbeatInterval = std::chrono::milliseconds(50);
        tw::StudyLoop opt(*study, [](TrialContext& ctx) { return TrialOutcome::complete(ctx.param("x")); }, oo);
        const auto s = opt.run();
        done = true;
        beater.join();
        QCOMPARE(s.complete, 1);
        QVERIFY(s.reason == tw::StopReason::TrialBudget);
        QVERIFY(storage.trial(foreign.id).state == TrialState::Running);
    }

    void gridExhaustionAndRunCap()
    {
        tw::InMemoryStorage storage;
        const auto rec = newStudy(storage);
        tw::SearchSpace grid({{"a", Distribution::makeInt(0, 4), std::nullopt}});
        tw::Study study(storage, rec, grid, std::make_shared<tw::GridSampler>());
        tw::StudyLoopOptions capped;
        capped.maxTrialsThisRun = 2;
        auto objective = [](TrialContext& ctx) { return TrialOutcome::complete(ctx.param("a")); };
        const auto first = tw::StudyLoop(study, objective, capped).run();
        QCOMPARE(first.started, 2);
        QVERIFY(first.reachedRunCap);
        tw::StudyLoopOptions oo;
        oo.parallel = 3;
        const auto rest = tw::StudyLoop(study, objective, oo).run();
        QCOMPARE(rest.started, 3);
        QVERIFY(rest.reason == tw::StopReason::GridExhausted);
        std::set<double> seen;
        for (const auto& t : storage.trials(rec.id))
            if (t.state == TrialState::Complete)
                seen.insert(t.params.at("a"));
        QCOMPARE(seen.size(), std::size_t(5));
    }

    void heartbeatsAreWritten()
    {
        tw::InMemoryStorage storage;
        const auto rec = newStudy(storage);
        tw::StudyOptions so;
        so.maxTrials = 1;
        auto study = makeStudy(storage, rec, so);
        tw::StudyLoopOptions oo;
        oo.heartbeatInterval = std::chrono::milliseconds(5);
        tw::StudyLoop opt(*study, [&](TrialContext& ctx) {
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
            while (!storage.trial(ctx.trial().id).heartbeat && std::chrono::steady_clock::now() < deadline)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            return TrialOutcome::complete(1.0);
        }, oo);
        opt.run();
        QVERIFY(storage.trials(rec.id)[0].heartbeat.has_value());
    }
};

QTEST_GUILESS_MAIN(tst_StudyLoop)
#include "tst_studyloop.moc"
