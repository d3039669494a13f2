// ctest-labels: unit tsan
#include "pruners/MedianPruner.h"
#include "samplers/GridSampler.h"
#include "samplers/RandomSampler.h"
#include "study/InMemoryStorage.h"
#include "study/Study.h"
#include "study/TrialOwner.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <set>
#include <thread>
#include <unistd.h>

using tw::Distribution;
using tw::TrialState;

namespace {

tw::StudyRecord newStudy(tw::StudyStorage& s, tw::StudyDirection d = tw::StudyDirection::Minimize,
                         const std::string& name = "s")
{
    tw::StudyRecord r;
    r.name = name;
    r.direction = d;
    return s.createStudy(r);
}

tw::SearchSpace space2()
{
    return tw::SearchSpace({{"x", Distribution::makeFloat(-1.0, 1.0), std::nullopt},
                            {"c", Distribution::makeCategorical({"1", "2", "3"}), std::nullopt},
                            {"y", Distribution::makeInt(0, 9), tw::ParamCondition{"c", {2.0}, false}}});
}

// A controllable clock for heartbeats, stale trials and time budgets.
struct FakeClock {
    tw::TimePoint now = tw::TimePoint(std::chrono::seconds(1'700'000'000));
    std::function<tw::TimePoint()> fn()
    {
        return [this] { return now; };
    }
};

// Picks choice (resample attempt mod n): repeats on the first ask, so the duplicate guard
// must ask again; a probe of the Study's seam, not a stand-in for a real part.
class AttemptSampler : public tw::Sampler {
public:
    double sampleIndependent(const tw::StudyView&, const tw::FrozenTrial& trial, std::string_view,
                             const Distribution& d) override
    {
        auto it = trial.systemAttrs.find("resample");
        const int attempt = it == trial.systemAttrs.end() ? 0 : std::stoi(it->second);
        ++calls;
        return std::fmod(double(attempt), double(d.choiceCount()));
    }
    void afterTrial(const tw::StudyView& study, const tw::FrozenTrial& t) override
    {
        afterTrialNumbers.push_back(t.number);
        lastSeenTrials = int(study.trials().size());
    }
    int calls = 0;
    std::vector<int> afterTrialNumbers;
    int lastSeenTrials = 0;
};

} // namespace

class tst_Study : public QObject {
    Q_OBJECT
private slots:
    void askTellAndBest()
    {
        for (auto dir : {tw::StudyDirection::Minimize, tw::StudyDirection::Maximize}) {
            tw::InMemoryStorage storage;
            tw::Study study(storage, newStudy(storage, dir), space2(), std::make_shared<tw::RandomSampler>(1));
            double bestSeen = dir == tw::StudyDirection::Minimize ? 1e9 : -1e9;
            int bestNumber = -1;
            for (int i = 0; i < 20; ++i) {
                const auto t = study.ask();
                QVERIFY(t);
                QCOMPARE(t->number, i);
                QVERIFY(t->state == TrialState::Running);
                QCOMPARE(t->params.count("y") == 1, t->params.at("c") == 2.0);
                const double v = t->params.at("x");
                QVERIFY(study.tell(*t, v));
                if (tw::isBetter(dir, v, bestSeen)) {
                    bestSeen = v;
                    bestNumber = i;
                }
            }
            QCOMPARE(study.bestTrial()->number, bestNumber);
            QCOMPARE(*study.bestTrial()->value, bestSeen);
            QCOMPARE(study.trials().size(), std::size_t(20));
        }
    }

    void nanBecomesFailedWithAReason()
    {
        tw::InMemoryStorage storage;
        tw::Study study(storage, newStudy(storage), space2(), std::make_shared<tw::RandomSampler>(1));
        const auto t = study.ask();
        QVERIFY(study.tell(*t, std::numeric_limits<double>::quiet_NaN()));
        const auto back = storage.trial(t->id);
        QVERIFY(back.state == TrialState::Failed);
        QVERIFY(!back.value);
        QVERIFY(QString::fromStdString(back.reason).contains("NaN"));
        const auto u = study.ask();
        QVERIFY(study.tell(*u, TrialState::Complete, std::nan(""), "epoch 3"));
        QCOMPARE(storage.trial(u->id).reason, std::string("the objective returned NaN: epoch 3"));
        QVERIFY(!study.bestTrial());
        QVERIFY(!study.tell(*u, 1.0));  // already finished
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, study.tell(*u, TrialState::Running));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, study.tell(*u, TrialState::Complete));
        // Infinite values are values.
        const auto w = study.ask();
        QVERIFY(study.tell(*w, -std::numeric_limits<double>::infinity()));
        QVERIFY(storage.trial(w->id).state == TrialState::Complete);
    }

    void trialBudgetIsTheStudysTotal()
    {
        tw::InMemoryStorage storage;
        const auto rec = newStudy(storage);
        tw::StudyOptions o;
        o.maxTrials = 7;
        // Two Study objects on one stored study, like two processes.
        tw::Study a(storage, rec, space2(), std::make_shared<tw::RandomSampler>(1), nullptr, o);
        tw::Study b(storage, rec, space2(), std::make_shared<tw::RandomSampler>(1), nullptr, o);
        int made = 0;
        for (int i = 0; i < 10; ++i) {
            for (tw::Study* s : {&a, &b})
                if (auto t = s->ask()) {
                    ++made;
                    s->tell(*t, 1.0);
                }
        }
        QCOMPARE(made, 7);
        QVERIFY(a.stopReason() == tw::StopReason::TrialBudget);
        QVERIFY(b.stopReason() == tw::StopReason::TrialBudget);
        // Resuming with a larger budget (--trials) goes on.
        o.maxTrials = 9;
        tw::Study c(storage, rec, space2(), std::make_shared<tw::RandomSampler>(1), nullptr, o);
        QVERIFY(c.ask());
        QVERIFY(c.stopReason() == tw::StopReason::None);
        QVERIFY(c.ask());
        QVERIFY(!c.ask());
    }

    void timeBudget()
    {
        tw::InMemoryStorage storage;
        FakeClock clock;
        tw::StudyOptions o;
        o.timeout = std::chrono::milliseconds(10'000);
        o.clock = clock.fn();
        tw::Study study(storage, newStudy(storage), space2(), std::make_shared<tw::RandomSampler>(1), nullptr, o);
        QVERIFY(study.ask());
        clock.now += std::chrono::seconds(9);
        QVERIFY(study.ask());
        QVERIFY(!study.timeUp());
        clock.now += std::chrono::seconds(1);
        QVERIFY(study.timeUp());
        QVERIFY(!study.ask());
        QVERIFY(study.stopReason() == tw::StopReason::Timeout);
        // Trials started before the time ran out may still be told.
        QVERIFY(study.tell(study.trials()[0], 1.0));
    }

    void enqueueWarmStart()
    {
        tw::InMemoryStorage storage;
        tw::Study study(storage, newStudy(storage), space2(), std::make_shared<tw::RandomSampler>(3));
        const auto q1 = study.enqueue({{"x", 0.25}, {"c", 2.0}, {"y", 4.0}}, {{"source", R"("paper")"}});
        const auto q2 = study.enqueue({{"c", 0.0}, {"y", 4.0}});  // y inactive under c = 0: dropped
        const auto q3 = study.enqueue({{"x", -0.5}});
        QVERIFY(q1 && q2 && q3);
        QVERIFY(q1->state == TrialState::Waiting);
        QVERIFY(!storage.trial(q2->id).params.count("y"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, study.enqueue({{"nope", 1.0}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, study.enqueue({{"x", 2.0}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, study.enqueue({{"c", 0.5}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, study.enqueue({{"y", 1.0}}));  // no parent

        const auto t1 = study.ask();
        QCOMPARE(t1->id, q1->id);
        QVERIFY(t1->params == (tw::ParamValues{{"x", 0.25}, {"c", 2.0}, {"y", 4.0}}));
        QCOMPARE(storage.trial(t1->id).userAttrs.at("source"), std::string(R"("paper")"));
        const auto t2 = study.ask();
        QCOMPARE(t2->id, q2->id);
        QCOMPARE(t2->params.at("c"), 0.0);
        QVERIFY(t2->params.count("x"));  // sampled
        QVERIFY(!t2->params.count("y"));
        QVERIFY(storage.trial(t2->id).params == t2->params);
        const auto t3 = study.ask();
        QCOMPARE(t3->params.at("x"), -0.5);
        QVERIFY(t3->params.count("c"));
        QVERIFY(storage.trial(t3->id).distributions.size() == t3->params.size());
        const auto t4 = study.ask();  // queue empty: a new trial
        QCOMPARE(t4->number, 3);
        QVERIFY(!storage.trial(t4->id).systemAttrs.count("enqueued"));
    }

    void duplicateGuardResamples()
    {
        tw::InMemoryStorage storage;
        const auto rec = newStudy(storage);
        auto sampler = std::make_shared<AttemptSampler>();
        tw::SearchSpace space({{"c", Distribution::makeCategorical({"1", "2", "3", "4"}), std::nullopt}});
        tw::StudyOptions o;
        o.duplicateResamples = 2;
        tw::Study study(storage, rec, space, sampler, nullptr, o);
        std::vector<double> got;
        for (int i = 0; i < 5; ++i) {
            const auto t = study.ask();
            got.push_back(t->params.at("c"));
            study.tell(*t, 1.0);
        }
        // 0; then 0 repeats -> 1; then 0, 1 repeat -> 2; then 0, 1, 2 all repeat and the
        // guard gives up after 2 resamples, keeping 2. A running trial is not guarded.
        QCOMPARE(got, (std::vector<double>{0, 1, 2, 2, 2}));
        QCOMPARE(sampler->afterTrialNumbers, (std::vector<int>{0, 1, 2, 3, 4}));
        QCOMPARE(sampler->lastSeenTrials, 5);
        // Fully given (enqueued) trials are never resampled.
        study.enqueue({{"c", 0.0}});
        QCOMPARE(study.ask()->params.at("c"), 0.0);
    }

    // #13: a stale trial is queued again without using a retry (max_retries = 0 here), and
    // the failed one leaves the budget.
    void staleTrialsAreFailedAndRequeued()
    {
        tw::InMemoryStorage storage;
        const auto rec = newStudy(storage);
        FakeClock clock;
        tw::StudyOptions o;
        o.maxTrials = 3;
        o.grace = std::chrono::seconds(60);
        o.clock = clock.fn();
        tw::Study study(storage, rec, space2(), std::make_shared<tw::RandomSampler>(1), nullptr, o);
        const auto a = study.ask();
        const auto b = study.ask();
        clock.now += std::chrono::seconds(50);
        study.heartbeat(*a);
        clock.now += std::chrono::seconds(30);  // b silent for 80 s, a for 30 s
        const auto stale = study.failStaleTrials();
        QCOMPARE(stale.size(), std::size_t(1));
        QCOMPARE(stale[0].id, b->id);
        // The worker that ran b learns it lost the trial.
        QVERIFY(!study.tell(*b, 1.0));
        QVERIFY(study.shouldPrune(*b));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError, study.report(*b, 1, 0.5));

        auto all = storage.trials(rec.id);
        QCOMPARE(all.size(), std::size_t(3));
        QCOMPARE(all[1].systemAttrs.at("retried"), std::string("true"));
        QVERIFY(all[2].state == TrialState::Waiting);
        QCOMPARE(all[2].systemAttrs.at("requeue_of"), std::string("1"));
        QCOMPARE(all[2].systemAttrs.at("requeues"), std::string("1"));
        QVERIFY(!all[2].systemAttrs.count("retry_attempt"));
        QVERIFY(all[2].params == b->params);
        // The copy is claimed next, with the same params; the budget holds 3 counted trials.
        const auto r = study.ask();
        QCOMPARE(r->number, 2);
        QVERIFY(r->params == b->params);
        QVERIFY(study.tell(*a, 1.0));
        QVERIFY(study.ask());  // b no longer counts: one more trial fits
        QVERIFY(!study.ask());
        // Both go stale: both are queued again, the copy's chain counting 2.
        clock.now += std::chrono::seconds(3600);
        const auto again = study.failStaleTrials();
        QCOMPARE(again.size(), std::size_t(2));
        all = storage.trials(rec.id);
        QCOMPARE(all.size(), std::size_t(6));
        QCOMPARE(all[4].systemAttrs.at("requeue_of"), std::string("2"));
        QCOMPARE(all[4].systemAttrs.at("requeues"), std::string("2"));
        QCOMPARE(all[5].systemAttrs.at("requeue_of"), std::string("3"));
    }

    // #13: a trial whose owner keeps dying is not run again forever: after maxRequeues
    // re-queues in a row it stays failed and counts.
    void requeueChainsEnd()
    {
        tw::InMemoryStorage storage;
        const auto rec = newStudy(storage);
        FakeClock clock;
        tw::StudyOptions o;
        o.maxTrials = 1;
        o.clock = clock.fn();
        tw::Study study(storage, rec, space2(), std::make_shared<tw::RandomSampler>(1), nullptr, o);
        for (int i = 0; i <= tw::Study::maxRequeues; ++i) {
            const auto t = study.ask();
            QVERIFY(t);
            clock.now += std::chrono::hours(1);
            QCOMPARE(study.failStaleTrials().size(), std::size_t(1));
        }
        const auto all = storage.trials(rec.id);
        QCOMPARE(int(all.size()), tw::Study::maxRequeues + 1);
        QVERIFY(tw::StudyStorage::countsTowardBudget(all.back()));
        QVERIFY(all.back().state == TrialState::Failed);
        QVERIFY(!study.ask());
        QVERIFY(study.stopReason() == tw::StopReason::TrialBudget);
    }

    // #13 (item 1): each Running trial records its owner; a trial whose owner is on this
    // machine and provably dead (here: the pid runs but started at another time, as a
    // reused pid does) is failed at once as "owner process died" and queued again; one
    // with a live owner stays, one on another machine is only listed as unproven.
    void deadOwnersAreReclaimedAtOnce()
    {
        tw::InMemoryStorage storage;
        const auto rec = newStudy(storage);
        tw::StudyOptions o;
        o.maxTrials = 3;
        o.maxRetries = 0;
        tw::Study study(storage, rec, space2(), std::make_shared<tw::RandomSampler>(1), nullptr, o);
        const auto mine = study.ask();
        const auto owner = tw::TrialOwner::fromJson(mine->systemAttrs.at("owner"));
        QVERIFY(owner);
        QCOMPARE(owner->pid, (long long)::getpid());
        QVERIFY(owner->liveness() == tw::TrialOwner::Liveness::Alive);
        QCOMPARE(storage.trial(mine->id).systemAttrs.at("owner"), mine->systemAttrs.at("owner"));

        tw::TrialOwner dead = *owner;
        dead.startTime += 1;
        tw::TrialOwner elsewhere = *owner;
        elsewhere.bootId = "00000000-0000-0000-0000-000000000000";
        elsewhere.host = "other-host";
        auto running = [&](const tw::TrialOwner& who) {
            tw::FrozenTrial t;
            t.state = TrialState::Running;
            t.params = {{"x", 0.25}, {"c", 0.0}};
            t.distributions = {{"x", space2().find("x")->distribution}, {"c", space2().find("c")->distribution}};
            t.systemAttrs["owner"] = who.toJson();
            t.systemAttrs["retry_attempt"] = "1";
            return *storage.createTrial(rec.id, t);
        };
        const auto killed = running(dead);
        const auto remote = running(elsewhere);
        // The budget is full, but `killed` holds a slot for nothing: ask() reclaims it on the
        // way and runs its copy.
        const auto copy = study.ask();
        QVERIFY(copy);
        QCOMPARE(copy->systemAttrs.at("requeue_of"), std::to_string(killed.number));
        QVERIFY(!study.ask());
        auto failed = storage.trial(killed.id);
        QVERIFY(failed.state == TrialState::Failed);
        QCOMPARE(failed.reason, std::string("owner process died"));
        QVERIFY(!tw::StudyStorage::countsTowardBudget(failed));
        QVERIFY(storage.trial(remote.id).state == TrialState::Running);
        QVERIFY(storage.trial(mine->id).state == TrialState::Running);
        const auto unproven = study.unprovenRunningTrials();
        QCOMPARE(unproven.size(), std::size_t(1));
        QCOMPARE(unproven[0].id, remote.id);
    }

    // #13: the same through reclaimDeadOwners(), then ask() runs the copy: same params, the
    // same retry_attempt (no retry used), owned by this process now.
    void deadOwnersCopyRunsWithoutARetry()
    {
        tw::InMemoryStorage storage;
        const auto rec = newStudy(storage);
        tw::StudyOptions o;
        o.maxTrials = 1;
        tw::Study study(storage, rec, space2(), std::make_shared<tw::RandomSampler>(1), nullptr, o);
        tw::TrialOwner dead = tw::TrialOwner::self();
        dead.startTime += 7;
        tw::FrozenTrial t;
        t.state = TrialState::Running;
        t.params = {{"x", 0.25}};
        t.distributions = {{"x", space2().find("x")->distribution}};
        t.systemAttrs["owner"] = dead.toJson();
        t.systemAttrs["retry_attempt"] = "1";
        const auto killed = *storage.createTrial(rec.id, t);
        QCOMPARE(study.reclaimDeadOwners().size(), std::size_t(1));
        QVERIFY(study.reclaimDeadOwners().empty());
        const auto copy = study.ask();
        QVERIFY(copy);
        QCOMPARE(copy->number, 1);
        QCOMPARE(copy->params.at("x"), 0.25);
        QCOMPARE(copy->systemAttrs.at("retry_attempt"), std::string("1"));
        QCOMPARE(copy->systemAttrs.at("requeue_of"), std::to_string(killed.number));
        QCOMPARE(copy->systemAttrs.at("requeues"), std::string("1"));
        QVERIFY(tw::TrialOwner::fromJson(copy->systemAttrs.at("owner"))->liveness() ==
                tw::TrialOwner::Liveness::Alive);
        QVERIFY(study.tell(*copy, 2.0));
        QVERIFY(!study.ask());
        int counted = 0;
        for (const auto& x : storage.trials(rec.id))
            counted += tw::StudyStorage::countsTowardBudget(x) ? 1 : 0;
        QCOMPARE(counted, 1);
    }

    // #13 (item 20): workers racing for a grid's last points create no trial beyond the
    // grid (before, the losers left failed trials "discarded: the grid was exhausted").
    void gridRaceCreatesNoExtraTrials()
    {
        tw::InMemoryStorage storage;
        const auto rec = newStudy(storage);
        tw::SearchSpace grid({{"a", Distribution::makeInt(0, 6), std::nullopt}});
        std::vector<std::unique_ptr<tw::Study>> studies;
        for (int i = 0; i < 6; ++i)
            studies.push_back(std::make_unique<tw::Study>(storage, rec, grid, std::make_shared<tw::GridSampler>()));
        std::vector<std::thread> threads;
        for (auto& st : studies)
            threads.emplace_back([&st] {
                while (auto t = st->ask())
                    st->tell(*t, t->params.at("a"));
            });
        for (auto& t : threads)
            t.join();
        const auto all = storage.trials(rec.id);
        QCOMPARE(all.size(), std::size_t(7));
        std::set<double> seen;
        for (const auto& t : all) {
            QVERIFY(t.state == TrialState::Complete);
            seen.insert(t.params.at("a"));
        }
        QCOMPARE(seen.size(), std::size_t(7));
        for (auto& st : studies)
            QVERIFY(st->stopReason() == tw::StopReason::GridExhausted);
    }

    void objectiveFailuresRetriedOnlyWhenAsked()
    {
        for (bool retryFailed : {false, true}) {
            tw::InMemoryStorage storage;
            const auto rec = newStudy(storage);
            tw::StudyOptions o;
            o.maxRetries = 2;
            o.retryFailed = retryFailed;
            tw::Study study(storage, rec, space2(), std::make_shared<tw::RandomSampler>(1), nullptr, o);
            const auto t = study.ask();
            study.tell(*t, TrialState::Failed, std::nullopt, "exit code 1");
            QCOMPARE(storage.trials(rec.id).size(), std::size_t(retryFailed ? 2 : 1));
            if (!retryFailed)
                continue;
            // A chain of at most max_retries retries.
            const auto r1 = study.ask();
            study.tell(*r1, TrialState::Failed, std::nullopt, "exit code 1");
            const auto r2 = study.ask();
            QCOMPARE(r2->number, 2);
            study.tell(*r2, TrialState::Failed, std::nullopt, "exit code 1");
            QCOMPARE(storage.trials(rec.id).size(), std::size_t(3));
            QCOMPARE(storage.trial(r2->id).systemAttrs.at("retry_attempt"), std::string("2"));
        }
    }

    // What tell() hands back is the trial as the storage now has it (values, the retried
    // mark of a failed trial that got a retry), and visitTrials() sees what trials() copies.
    void toldTrialIsTheStoredOneAndVisitSeesTheSnapshot()
    {
        tw::InMemoryStorage storage;
        const auto rec = newStudy(storage);
        tw::StudyOptions o;
        o.maxRetries = 1;
        o.retryFailed = true;
        tw::Study study(storage, rec, space2(), std::make_shared<tw::RandomSampler>(1), nullptr, o);
        auto sameAsStored = [&](const tw::FrozenTrial& told) {
            const tw::FrozenTrial stored = storage.trial(told.id);
            return told.number == stored.number && told.state == stored.state && told.value == stored.value &&
                   told.intermediate == stored.intermediate && told.params == stored.params &&
                   told.systemAttrs == stored.systemAttrs && told.reason == stored.reason;
        };
        const auto a = study.ask();
        study.report(*a, 0, 5.0);
        study.report(*a, 1, 4.0);
        tw::FrozenTrial told;
        QVERIFY(study.tell(*a, 3.0, &told));
        QCOMPARE(told.id, a->id);
        QVERIFY(told.state == TrialState::Complete);
        QCOMPARE(told.intermediate.size(), std::size_t(2));
        QVERIFY(sameAsStored(told));
        const auto b = study.ask();
        QVERIFY(study.tell(*b, TrialState::Failed, std::nullopt, "exit code 1", &told));
        QCOMPARE(told.systemAttrs.at("retried"), std::string("true"));
        QVERIFY(sameAsStored(told));
        const auto c = study.ask();  // b's retry
        QCOMPARE(c->systemAttrs.at("retry_of"), std::to_string(b->number));
        QVERIFY(study.tell(*c, std::nan(""), &told));  // NaN: Failed, no second retry
        QVERIFY(told.state == TrialState::Failed);
        QVERIFY(sameAsStored(told));
        tw::FrozenTrial untouched;
        untouched.number = -7;
        QVERIFY(!study.tell(*c, 1.0, &untouched));  // already finished: left as it was
        QCOMPARE(untouched.number, -7);

        std::vector<int> numbers;
        std::size_t values = 0;
        study.visitTrials([&](const tw::FrozenTrial& t) {
            numbers.push_back(t.number);
            values += t.intermediate.size();
        });
        const auto copied = study.trials();
        QCOMPARE(numbers.size(), copied.size());
        for (std::size_t i = 0; i < copied.size(); ++i)
            QCOMPARE(numbers[i], copied[i].number);
        QCOMPARE(numbers, (std::vector<int>{0, 1, 2}));
        QCOMPARE(values, std::size_t(2));
    }

    void reportAndShouldPrune()
    {
        tw::InMemoryStorage storage;
        const auto rec = newStudy(storage);
        tw::Study study(storage, rec, space2(), std::make_shared<tw::RandomSampler>(1),
                        std::make_shared<tw::MedianPruner>(2));
        for (double v : {1.0, 2.0, 3.0}) {
            const auto t = study.ask();
            study.report(*t, 0, v);
            // Startup: fewer than 2 complete trials; then 3 > median(1, 2).
            QCOMPARE(study.shouldPrune(*t), v == 3.0);
            study.tell(*t, v);
        }
        const auto bad = study.ask();
        study.report(*bad, 0, 2.5);
        QVERIFY(study.shouldPrune(*bad));
        const auto good = study.ask();
        study.report(*good, 0, 1.5);
        QVERIFY(!study.shouldPrune(*good));
        QVERIFY(study.tell(*bad, TrialState::Pruned, std::nullopt, "pruned at step 0"));
        QVERIFY(storage.trial(bad->id).state == TrialState::Pruned);
        // Without a pruner nothing is pruned.
        tw::Study plain(storage, rec, space2(), std::make_shared<tw::RandomSampler>(1));
        QVERIFY(!plain.shouldPrune(*good));
    }

    void badSpaceOrMisuseThrows()
    {
        tw::InMemoryStorage storage;
        const auto rec = newStudy(storage);
        tw::SearchSpace bad({{"lr", Distribution::makeFloat(0.0, 1.0, true), std::nullopt}});
        try {
            tw::Study s(storage, rec, bad, std::make_shared<tw::RandomSampler>(1));
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString(e.what()).contains("lr:"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tw::Study(storage, rec, space2(), nullptr));
        tw::StudyRecord unsaved;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 tw::Study(storage, unsaved, space2(), std::make_shared<tw::RandomSampler>(1)));
    }

    // The snapshot follows trials changed by other Study objects (other processes).
    void viewFollowsOtherWriters()
    {
        tw::InMemoryStorage storage;
        const auto rec = newStudy(storage);
        tw::Study a(storage, rec, space2(), std::make_shared<tw::RandomSampler>(1));
        tw::Study b(storage, rec, space2(), std::make_shared<tw::RandomSampler>(2));
        for (int i = 0; i < 50; ++i) {
            tw::Study& s = i % 3 ? a : b;
            const auto t = s.ask();
            s.report(*t, 0, double(i));
            s.tell(*t, double(100 - i));
        }
        const auto fromA = a.trials();
        const auto stored = storage.trials(rec.id);
        QCOMPARE(fromA.size(), stored.size());
        for (std::size_t i = 0; i < stored.size(); ++i) {
            QCOMPARE(fromA[i].id, stored[i].id);
            QVERIFY(fromA[i].state == stored[i].state);
            QVERIFY(fromA[i].intermediate == stored[i].intermediate);
        }
        QCOMPARE(a.bestTrial()->number, 49);
        QCOMPARE(b.bestTrial()->number, 49);
    }
};

QTEST_GUILESS_MAIN(tst_Study)
#include "tst_study.moc"
