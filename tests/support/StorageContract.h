#pragma once
// The StudyStorage contract, run against every backend. A backend's test does:
//
//     void contract_data() { tw::test::StorageContract::addRows(); }
//     void contract() { tw::test::StorageContract::run([] { return makeMyStorage(); }); }
//
// Each row gets a fresh, empty storage from the factory. The rules it pins down, beyond
// the comments of StudyStorage.h:
//  - Numbers are 0, 1, 2... per study in creation order; ids are unique across studies.
//    Once createTrial returned trial k, trials 0..k-1 are visible to every reader (the
//    grid sampler relies on it to hand out points without duplicates).
//  - A finished trial's state, value, params and intermediate values never change:
//    finishTrial returns false, setTrialParam and reportIntermediate throw StorageError.
//    Attributes, logs and artifacts stay writable (notes, the "retried" mark, the model
//    of a trial that became one of the best K).
//  - heartbeat() on a trial that is not Running is ignored, as it may race with its end.
//  - finishTrial with a non-finished state, or Complete without a value, throws.
//  - A value is kept only for Complete trials. Reporting a step twice keeps the last.
//  - failStaleTrials fails Running trials whose heartbeat (else start) is strictly older
//    than now - grace; Waiting trials are never stale.
//  - setTrialParam refuses an invalid distribution or a value outside it. setTrialParams
//    is one change (trialsChangedSince lists the trial once), applies its params in order
//    (a name given twice keeps the last), and writes nothing when any part is refused.
//  - Logs keep exactly the newest logCap() bytes of each stream, in append order, however
//    many appends made them (the SQL backends keep one chunk row per append).
//  - writeTrials writes per trial what reportIntermediate, appendTrialLog and heartbeat
//    would, except that a finished or unknown trial is returned instead of throwing (a
//    finished one still takes its log text).
//  - Unknown study or trial ids throw StorageError.
//  - Times round-trip at least to the millisecond; doubles (NaN, +-inf too) exactly.
#include "study/StudyStorage.h"

#include <QtTest>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace tw::test {

using StorageFactory = std::function<std::unique_ptr<tw::StudyStorage>()>;

class StorageContract {
public:
    using Check = void (*)(const StorageFactory&);

    static void addRows()
    {
        QTest::addColumn<QString>("check");
        for (const auto& [name, fn] : checks())
            QTest::newRow(name) << QString::fromLatin1(name);
    }

    static void run(const StorageFactory& make)
    {
        QFETCH(QString, check);
        for (const auto& [name, fn] : checks())
            if (check == QLatin1String(name))
                return fn(make);
        QFAIL("unknown storage contract check");
    }

    static std::vector<std::pair<const char*, Check>> checks()
    {
        return {
            {"studies", &studies},
            {"deleteStudy", &deleteStudy},
            {"numbering", &numbering},
            {"createTrialKeepsFields", &createTrialKeepsFields},
            {"paramsAreChecked", &paramsAreChecked},
            {"paramBatchIsOneChange", &paramBatchIsOneChange},
            {"paramBatchIsAllOrNothing", &paramBatchIsAllOrNothing},
            {"copiesOut", &copiesOut},
            {"finishedTrialsAreImmutable", &finishedTrialsAreImmutable},
            {"finishStates", &finishStates},
            {"nonFiniteValuesRoundTrip", &nonFiniteValuesRoundTrip},
            {"budgetIsAtomicUnderRaces", &budgetIsAtomicUnderRaces},
            {"budgetExcludesRetriedFailures", &budgetExcludesRetriedFailures},
            {"sampledCapIsAtomicUnderRaces", &sampledCapIsAtomicUnderRaces},
            {"claimIsOldestFirst", &claimIsOldestFirst},
            {"claimIsUniqueUnderRaces", &claimIsUniqueUnderRaces},
            {"staleTrialsFail", &staleTrialsFail},
            {"logsAreCapped", &logsAreCapped},
            {"logChunksKeepOrderUnderTheCap", &logChunksKeepOrderUnderTheCap},
            {"writeTrialsBatch", &writeTrialsBatch},
            {"writeTrialsManyValues", &writeTrialsManyValues},
            {"artifacts", &artifacts},
            {"trialsChangedSince", &trialsChangedSince},
            {"unknownIdsThrow", &unknownIdsThrow},
        };
    }

    // --- helpers ---------------------------------------------------------------------
    static tw::TimePoint at(long long seconds)
    {
        return tw::TimePoint(std::chrono::seconds(1'700'000'000LL + seconds));
    }

    static tw::StudyRecord record(const std::string& name)
    {
        tw::StudyRecord r;
        r.name = name;
        r.direction = tw::StudyDirection::Maximize;
        r.specJson = R"({"name":")" + name + R"("})";
        r.metric = "val_accuracy";
        r.appVersion = "0.1.0";
        r.buildFlags = "GNU 12 Release";
        r.threads = 2;
        return r;
    }

    static tw::FrozenTrial running(long long startSeconds = 0)
    {
        tw::FrozenTrial t;
        t.state = tw::TrialState::Running;
        t.started = at(startSeconds);
        return t;
    }

    static tw::FrozenTrial waiting(double x)
    {
        tw::FrozenTrial t;
        t.state = tw::TrialState::Waiting;
        t.params["x"] = x;
        t.distributions["x"] = tw::Distribution::makeFloat(0.0, 100.0);
        return t;
    }

    // --- checks ----------------------------------------------------------------------
    static void studies(const StorageFactory& make)
    {
        auto s = make();
        QVERIFY(s->studies().empty());
        QVERIFY(!s->findStudy("a"));
        const tw::StudyRecord a = s->createStudy(record("a"));
        const tw::StudyRecord b = s->createStudy(record("b"));
        QVERIFY(a.id != b.id);
        QVERIFY_THROWS_EXCEPTION(tw::StorageError, s->createStudy(record("a")));
        const auto found = s->findStudy("a");
        QVERIFY(found);
        QCOMPARE(found->id, a.id);
        QCOMPARE(found->name, std::string("a"));
        QVERIFY(found->direction == tw::StudyDirection::Maximize);
        QCOMPARE(found->specJson, record("a").specJson);
        QCOMPARE(found->metric, std::string("val_accuracy"));
        QCOMPARE(found->appVersion, std::string("0.1.0"));
        QCOMPARE(found->buildFlags, std::string("GNU 12 Release"));
        QCOMPARE(found->threads, 2);
        QCOMPARE(s->studies().size(), std::size_t(2));

        s->setStudyUserAttr(a.id, "note", R"("first try")");
        s->setStudySystemAttr(a.id, "resumed", "3");
        s->setStudyUserAttr(a.id, "note", R"("second try")");
        QCOMPARE(s->findStudy("a")->userAttrs.at("note"), std::string(R"("second try")"));
        QCOMPARE(s->findStudy("a")->systemAttrs.at("resumed"), std::string("3"));

        QVERIFY_THROWS_EXCEPTION(tw::StorageError, s->renameStudy(a.id, "b"));
        s->renameStudy(a.id, "c");
        QVERIFY(!s->findStudy("a"));
        QCOMPARE(s->findStudy("c")->id, a.id);
        s->renameStudy(a.id, "c");  // to its own name: nothing to do
        QCOMPARE(s->findStudy("c")->id, a.id);
    }

    static void deleteStudy(const StorageFactory& make)
    {
        auto s = make();
        const auto a = s->createStudy(record("a"));
        const auto b = s->createStudy(record("b"));
        const auto ta = s->createTrial(a.id, running());
        const auto tb = s->createTrial(b.id, running());
        QVERIFY(ta && tb);
        s->appendTrialLog(ta->id, "stdout", "hello");
        s->putArtifact(ta->id, "model", "bytes");
        s->deleteStudy(a.id);
        QVERIFY(!s->findStudy("a"));
        QCOMPARE(s->studies().size(), std::size_t(1));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError, s->trial(ta->id));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError, s->trials(a.id));
        QCOMPARE(s->trial(tb->id).id, tb->id);
        // The name is free again and the new study starts numbering at 0.
        const auto a2 = s->createStudy(record("a"));
        QVERIFY(a2.id != a.id);
        const auto t2 = s->createTrial(a2.id, running());
        QCOMPARE(t2->number, 0);
        QVERIFY(t2->id != ta->id);
        QVERIFY(!s->artifact(t2->id, "model"));
        QCOMPARE(s->trialLog(t2->id, "stdout"), std::string());
    }

    static void numbering(const StorageFactory& make)
    {
        auto s = make();
        const auto a = s->createStudy(record("a"));
        const auto b = s->createStudy(record("b"));
        std::set<std::int64_t> ids;
        for (int i = 0; i < 5; ++i) {
            const auto ta = s->createTrial(a.id, i % 2 ? waiting(i) : running(i));
            QVERIFY(ta);
            QCOMPARE(ta->number, i);
            QVERIFY(ids.insert(ta->id).second);
            if (i < 3) {
                const auto tb = s->createTrial(b.id, running(i));
                QCOMPARE(tb->number, i);
                QVERIFY(ids.insert(tb->id).second);
            }
        }
        const auto all = s->trials(a.id);
        QCOMPARE(all.size(), std::size_t(5));
        for (int i = 0; i < 5; ++i)
            QCOMPARE(all[std::size_t(i)].number, i);
        QCOMPARE(s->trials(b.id).size(), std::size_t(3));
    }

    static void createTrialKeepsFields(const StorageFactory& make)
    {
        auto s = make();
        const auto study = s->createStudy(record("a"));
        tw::FrozenTrial t = running(7);
        t.params = {{"lr", 3e-3}, {"batch", 64.0}, {"hidden", 2.0}, {"act", 0.0}, {"drop", 0.25}};
        t.distributions = {
            {"lr", tw::Distribution::makeFloat(1e-4, 1e-1, true)},
            {"batch", tw::Distribution::makeInt(16, 128, false, 16)},
            {"hidden", tw::Distribution::makeCategorical({"[32]", "[64,64]", R"({"a":"b,c"})"})},
            {"act", tw::Distribution::makeFixed(R"("relu")")},
            {"drop", tw::Distribution::makeFloat(0.0, 0.5, false, 0.05)},
        };
        t.systemAttrs["grid_id"] = "12";
        t.userAttrs["tag"] = R"(["x","y"])";
        const auto created = s->createTrial(study.id, t);
        QVERIFY(created);
        QVERIFY(created->id >= 0);
        const tw::FrozenTrial back = s->trial(created->id);
        for (const tw::FrozenTrial& r : {*created, back}) {
            QVERIFY(r.state == tw::TrialState::Running);
            QCOMPARE(r.number, 0);
            QVERIFY(r.params == t.params);
            QVERIFY(r.distributions == t.distributions);
            QCOMPARE(r.systemAttrs, t.systemAttrs);
            QCOMPARE(r.userAttrs, t.userAttrs);
            QVERIFY(r.started);
            QVERIFY(*r.started == at(7));
            QVERIFY(!r.finished);
            QVERIFY(!r.value);
        }
        // Running without a start time gets one; Waiting has none until claimed.
        tw::FrozenTrial noStart;
        noStart.state = tw::TrialState::Running;
        QVERIFY(s->createTrial(study.id, noStart)->started);
        const auto w = s->createTrial(study.id, waiting(1.5));
        QVERIFY(w->state == tw::TrialState::Waiting);
        QVERIFY(!s->trial(w->id).started);
        QCOMPARE(s->trial(w->id).params.at("x"), 1.5);
        // Params set one by one, on Waiting and Running trials.
        s->setTrialParam(w->id, "y", 4.0, tw::Distribution::makeInt(0, 10));
        s->setTrialParam(created->id, "extra", 0.5, tw::Distribution::makeFloat(0, 1));
        QCOMPARE(s->trial(w->id).params.at("y"), 4.0);
        QVERIFY(s->trial(w->id).distributions.at("y") == tw::Distribution::makeInt(0, 10));
        QCOMPARE(s->trial(created->id).params.at("extra"), 0.5);
        // A param without a distribution is misuse.
        tw::FrozenTrial bad = running();
        bad.params["z"] = 1.0;
        QVERIFY_THROWS_EXCEPTION(tw::StorageError, s->createTrial(study.id, bad));
    }

    static void paramsAreChecked(const StorageFactory& make)
    {
        auto s = make();
        const auto study = s->createStudy(record("a"));
        const auto t = s->createTrial(study.id, running());
        s->setTrialParam(t->id, "x", 1.0, tw::Distribution::makeFloat(0, 1));  // high is inside
        QVERIFY_THROWS_EXCEPTION(tw::StorageError,
                                 s->setTrialParam(t->id, "x", 1.5, tw::Distribution::makeFloat(0, 1)));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError,
                                 s->setTrialParam(t->id, "y", 0.5, tw::Distribution::makeFloat(1, 0)));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError,
                                 s->setTrialParam(t->id, "c", 2.0, tw::Distribution::makeCategorical({"1", "2"})));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError,
                                 s->setTrialParam(t->id, "i", 2.5, tw::Distribution::makeInt(0, 10)));
        const tw::FrozenTrial back = s->trial(t->id);
        QCOMPARE(back.params.size(), std::size_t(1));
        QCOMPARE(back.params.at("x"), 1.0);
        QVERIFY(back.distributions.at("x") == tw::Distribution::makeFloat(0, 1));
    }

    static void paramBatchIsOneChange(const StorageFactory& make)
    {
        using P = tw::StudyStorage::TrialParam;
        auto s = make();
        const auto study = s->createStudy(record("a"));
        const auto t = s->createTrial(study.id, running());
        const auto w = s->createTrial(study.id, waiting(1.5));
        const auto lr = tw::Distribution::makeFloat(1e-4, 1e-1, true);
        const auto hidden = tw::Distribution::makeCategorical({"[32]", "[64,64]"});
        const auto drop = tw::Distribution::makeFloat(0.0, 0.5, false, 0.05);
        std::int64_t v = -1;
        s->trialsChangedSince(study.id, 0, &v);

        s->setTrialParams(t->id, {P{"lr", 3e-3, lr}, P{"hidden", 1.0, hidden}, P{"drop", 0.25, drop}});
        std::int64_t next = -1;
        const auto changed = s->trialsChangedSince(study.id, v, &next);
        QCOMPARE(changed.size(), std::size_t(1));
        QCOMPARE(changed[0].id, t->id);
        QVERIFY(next > v);
        const std::map<std::string, double> expected{{"lr", 3e-3}, {"hidden", 1.0}, {"drop", 0.25}};
        for (const tw::FrozenTrial& r : {changed[0], s->trial(t->id)}) {
            QVERIFY(r.params == expected);
            QCOMPARE(r.distributions.size(), std::size_t(3));
            QVERIFY(r.distributions.at("lr") == lr);
            QVERIFY(r.distributions.at("hidden") == hidden);
            QVERIFY(r.distributions.at("drop") == drop);
        }
        // In order, as setTrialParam one by one: later values win, in a batch and across.
        s->setTrialParams(t->id, {P{"lr", 1e-2, lr}, P{"lr", 2e-2, lr}});
        QCOMPARE(s->trial(t->id).params.at("lr"), 2e-2);
        QCOMPARE(s->trial(t->id).params.size(), std::size_t(3));
        // Waiting trials take params too; the ones they had stay.
        s->setTrialParams(w->id, {P{"y", 4.0, tw::Distribution::makeInt(0, 10)}});
        const tw::FrozenTrial wb = s->trial(w->id);
        QCOMPARE(wb.params.at("x"), 1.5);
        QCOMPARE(wb.params.at("y"), 4.0);
        QVERIFY(wb.distributions.at("y") == tw::Distribution::makeInt(0, 10));
        // An empty batch changes nothing.
        s->trialsChangedSince(study.id, 0, &v);
        s->setTrialParams(w->id, {});
        QVERIFY(s->trialsChangedSince(study.id, v, &next).empty());
        QCOMPARE(next, v);
    }

    static void paramBatchIsAllOrNothing(const StorageFactory& make)
    {
        using P = tw::StudyStorage::TrialParam;
        auto s = make();
        const auto study = s->createStudy(record("a"));
        const auto t = s->createTrial(study.id, running());
        const auto unit = tw::Distribution::makeFloat(0, 1);
        s->setTrialParams(t->id, {P{"a", 0.5, unit}});
        const tw::FrozenTrial before = s->trial(t->id);
        std::int64_t v = -1, next = -1;
        s->trialsChangedSince(study.id, 0, &v);
        // The bad param anywhere in the batch (last, first, middle): none of it is written.
        QVERIFY_THROWS_EXCEPTION(tw::StorageError,
                                 s->setTrialParams(t->id, {P{"a", 0.25, unit}, P{"b", 0.5, unit},
                                                           P{"bad", 2.0, unit}}));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError,
                                 s->setTrialParams(t->id, {P{"bad", 0.5, tw::Distribution::makeFloat(1, 0)},
                                                           P{"a", 0.25, unit}}));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError,
                                 s->setTrialParams(t->id, {P{"a", 0.25, unit},
                                                           P{"c", 5.0, tw::Distribution::makeCategorical({"1", "2"})},
                                                           P{"b", 0.5, unit}}));
        const tw::FrozenTrial after = s->trial(t->id);
        QVERIFY(after.params == before.params);
        QVERIFY(after.distributions == before.distributions);
        QVERIFY(s->trialsChangedSince(study.id, v, &next).empty());
        QCOMPARE(next, v);

        // A finished or unknown trial refuses a batch, an empty one too.
        QVERIFY(s->finishTrial(t->id, tw::TrialState::Complete, 1.0, "", at(1)));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError, s->setTrialParams(t->id, {P{"b", 0.5, unit}}));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError, s->setTrialParams(t->id, {}));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError, s->setTrialParams(987654321, {P{"b", 0.5, unit}}));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError, s->setTrialParams(987654321, {}));
        QVERIFY(s->trial(t->id).params == before.params);
    }

    static void copiesOut(const StorageFactory& make)
    {
        auto s = make();
        const auto study = s->createStudy(record("a"));
        auto t = s->createTrial(study.id, waiting(2.0));
        t->params["x"] = 99.0;
        t->systemAttrs["k"] = "1";
        auto read = s->trial(t->id);
        QCOMPARE(read.params.at("x"), 2.0);
        read.params["x"] = 98.0;
        read.intermediate[0] = 1.0;
        auto list = s->trials(study.id);
        list[0].params["x"] = 97.0;
        auto rec = s->findStudy("a");
        rec->userAttrs["hack"] = "1";
        const auto again = s->trial(t->id);
        QCOMPARE(again.params.at("x"), 2.0);
        QVERIFY(again.intermediate.empty());
        QVERIFY(again.systemAttrs.empty());
        QVERIFY(s->findStudy("a")->userAttrs.empty());
    }

    static void finishedTrialsAreImmutable(const StorageFactory& make)
    {
        auto s = make();
        const auto study = s->createStudy(record("a"));
        const auto t = s->createTrial(study.id, running(0));
        s->setTrialParam(t->id, "x", 1.0, tw::Distribution::makeFloat(0, 2));
        s->reportIntermediate(t->id, 0, 0.5);
        QVERIFY(s->finishTrial(t->id, tw::TrialState::Complete, 0.75, "", at(10)));
        const tw::FrozenTrial done = s->trial(t->id);

        QVERIFY(!s->finishTrial(t->id, tw::TrialState::Failed, std::nullopt, "late", at(11)));
        QVERIFY(!s->finishTrial(t->id, tw::TrialState::Complete, 0.1, "", at(12)));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError,
                                 s->setTrialParam(t->id, "x", 1.5, tw::Distribution::makeFloat(0, 2)));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError,
                                 s->setTrialParam(t->id, "new", 1.5, tw::Distribution::makeFloat(0, 2)));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError, s->reportIntermediate(t->id, 1, 0.6));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError, s->reportIntermediate(t->id, 0, 0.6));
        s->heartbeat(t->id, at(20));  // ignored, no throw
        QVERIFY(s->failStaleTrials(study.id, at(100000), std::chrono::seconds(1)).empty());

        const tw::FrozenTrial after = s->trial(t->id);
        QVERIFY(after.state == tw::TrialState::Complete);
        QCOMPARE(*after.value, 0.75);
        QVERIFY(after.params == done.params);
        QVERIFY(after.intermediate == done.intermediate);
        QVERIFY(after.finished && *after.finished == at(10));
        QVERIFY(after.heartbeat == done.heartbeat);
        QCOMPARE(after.reason, std::string());
        // Annotations remain possible.
        s->setTrialUserAttr(t->id, "note", R"("good")");
        s->setTrialSystemAttr(t->id, "retried", "false");
        QCOMPARE(s->trial(t->id).userAttrs.at("note"), std::string(R"("good")"));
        // A Waiting trial cannot be finished: it never ran.
        const auto w = s->createTrial(study.id, waiting(1));
        QVERIFY(!s->finishTrial(w->id, tw::TrialState::Complete, 1.0, "", at(5)));
        QVERIFY(s->trial(w->id).state == tw::TrialState::Waiting);
    }

    static void finishStates(const StorageFactory& make)
    {
        auto s = make();
        const auto study = s->createStudy(record("a"));
        const auto c = s->createTrial(study.id, running(1));
        const auto p = s->createTrial(study.id, running(2));
        const auto f = s->createTrial(study.id, running(3));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError,
                                 s->finishTrial(c->id, tw::TrialState::Running, 1.0, "", at(4)));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError,
                                 s->finishTrial(c->id, tw::TrialState::Complete, std::nullopt, "", at(4)));
        QVERIFY(s->trial(c->id).state == tw::TrialState::Running);
        QVERIFY(s->finishTrial(c->id, tw::TrialState::Complete, -2.5, "", at(11)));
        QVERIFY(s->finishTrial(p->id, tw::TrialState::Pruned, 0.3, "pruned at step 4", at(12)));
        QVERIFY(s->finishTrial(f->id, tw::TrialState::Failed, std::nullopt, "exit code 1: boom", at(13)));
        const auto all = s->trials(study.id);
        QVERIFY(all[0].state == tw::TrialState::Complete);
        QCOMPARE(*all[0].value, -2.5);
        QVERIFY(*all[0].finished == at(11));
        QCOMPARE(all[0].durationSeconds().value(), 10.0);
        QVERIFY(all[1].state == tw::TrialState::Pruned);
        QVERIFY(!all[1].value);  // a value is kept only for Complete trials
        QCOMPARE(all[1].reason, std::string("pruned at step 4"));
        QVERIFY(all[2].state == tw::TrialState::Failed);
        QCOMPARE(all[2].reason, std::string("exit code 1: boom"));
        QVERIFY(*all[2].finished == at(13));
        // Trials may also be created finished (imports, warm starts with known values).
        tw::FrozenTrial imported = running(0);
        imported.state = tw::TrialState::Complete;
        imported.value = 4.0;
        imported.finished = at(9);
        const auto im = s->createTrial(study.id, imported);
        QVERIFY(s->trial(im->id).state == tw::TrialState::Complete);
        QCOMPARE(*s->trial(im->id).value, 4.0);
        QVERIFY(!s->finishTrial(im->id, tw::TrialState::Failed, std::nullopt, "", at(20)));
    }

    static void nonFiniteValuesRoundTrip(const StorageFactory& make)
    {
        auto s = make();
        const auto study = s->createStudy(record("a"));
        const auto t = s->createTrial(study.id, running());
        const double inf = std::numeric_limits<double>::infinity();
        const double nan = std::numeric_limits<double>::quiet_NaN();
        s->reportIntermediate(t->id, 0, nan);
        s->reportIntermediate(t->id, 1, inf);
        s->reportIntermediate(t->id, 2, -inf);
        s->reportIntermediate(t->id, 3, 1e-308);
        s->reportIntermediate(t->id, 4, -0.1);
        s->reportIntermediate(t->id, 5, 1.0);
        s->reportIntermediate(t->id, 5, 2.0);  // the last report of a step wins
        s->reportIntermediate(t->id, 1'000'000'000'000LL, 0.125);
        const auto back = s->trial(t->id).intermediate;
        QCOMPARE(back.size(), std::size_t(7));
        QVERIFY(std::isnan(back.at(0)));
        QCOMPARE(back.at(1), inf);
        QCOMPARE(back.at(2), -inf);
        QCOMPARE(back.at(3), 1e-308);
        QCOMPARE(back.at(4), -0.1);
        QCOMPARE(back.at(5), 2.0);
        QCOMPARE(back.at(1'000'000'000'000LL), 0.125);
        // Values of complete trials, and params, may be infinite too.
        QVERIFY(s->finishTrial(t->id, tw::TrialState::Complete, -inf, "", at(1)));
        QCOMPARE(*s->trial(t->id).value, -inf);
        const auto u = s->createTrial(study.id, running());
        s->setTrialParam(u->id, "x", 0.1 + 0.2, tw::Distribution::makeFloat(0, 1));
        QCOMPARE(s->trial(u->id).params.at("x"), 0.1 + 0.2);
    }

    static void budgetIsAtomicUnderRaces(const StorageFactory& make)
    {
        auto s = make();
        const auto study = s->createStudy(record("a"));
        const auto other = s->createStudy(record("other"));
        s->createTrial(other.id, running());  // another study's trials do not count
        constexpr int kThreads = 8;
        constexpr int kBudget = 60;
        std::vector<std::vector<int>> numbers(kThreads);
        std::atomic<int> gaps{0};
        std::atomic<int> errors{0};
        {
            std::vector<std::thread> pool;
            for (int k = 0; k < kThreads; ++k)
                pool.emplace_back([&, k] {
                    try {
                        while (auto t = s->createTrial(study.id, running(), kBudget)) {
                            numbers[std::size_t(k)].push_back(t->number);
                            // Every lower number is already visible.
                            const auto all = s->trials(study.id);
                            if (int(all.size()) <= t->number)
                                ++gaps;
                            for (int i = 0; i <= t->number && i < int(all.size()); ++i)
                                if (all[std::size_t(i)].number != i)
                                    ++gaps;
                        }
                    } catch (...) {
                        ++errors;
                    }
                });
            for (auto& th : pool)
                th.join();
        }
        QCOMPARE(errors.load(), 0);
        QCOMPARE(gaps.load(), 0);
        std::set<int> seen;
        for (const auto& v : numbers)
            for (int n : v)
                QVERIFY(seen.insert(n).second);
        QCOMPARE(int(seen.size()), kBudget);
        QCOMPARE(*seen.begin(), 0);
        QCOMPARE(*seen.rbegin(), kBudget - 1);
        QCOMPARE(int(s->trials(study.id).size()), kBudget);
        QVERIFY(!s->createTrial(study.id, running(), kBudget));
        QVERIFY(s->createTrial(study.id, running(), kBudget + 1));
        QVERIFY(s->createTrial(study.id, running()));  // no budget given: always created
    }

    // #13: maxSampled caps the sampled trials (a grid's size) atomically; copies (enqueued,
    // retries, re-queues) are not sampled ones and pass.
    static void sampledCapIsAtomicUnderRaces(const StorageFactory& make)
    {
        auto s = make();
        const auto study = s->createStudy(record("a"));
        constexpr int kThreads = 4;
        constexpr long long kPoints = 12;
        std::atomic<int> made{0};
        std::atomic<int> errors{0};
        {
            std::vector<std::thread> pool;
            for (int k = 0; k < kThreads; ++k)
                pool.emplace_back([&] {
                    try {
                        while (s->createTrial(study.id, running(), std::nullopt, kPoints))
                            ++made;
                    } catch (...) {
                        ++errors;
                    }
                });
            for (auto& th : pool)
                th.join();
        }
        QCOMPARE(errors.load(), 0);
        QCOMPARE(made.load(), int(kPoints));
        QCOMPARE(int(s->trials(study.id).size()), int(kPoints));
        for (const char* key : tw::StudyStorage::copyAttrs) {
            tw::FrozenTrial copy = waiting(1);
            copy.systemAttrs[key] = "0";
            QVERIFY(s->createTrial(study.id, copy, std::nullopt, kPoints));
        }
        QVERIFY(!s->createTrial(study.id, running(), std::nullopt, kPoints));
        QVERIFY(s->createTrial(study.id, running(), std::nullopt, kPoints + 1));
        // Both caps apply: the budget refuses even when the grid has room.
        QVERIFY(!s->createTrial(study.id, running(), 5, kPoints + 10));
    }

    static void budgetExcludesRetriedFailures(const StorageFactory& make)
    {
        auto s = make();
        const auto study = s->createStudy(record("a"));
        std::vector<tw::FrozenTrial> made;
        for (int i = 0; i < 3; ++i)
            made.push_back(*s->createTrial(study.id, running(), 3));
        QVERIFY(!s->createTrial(study.id, waiting(1), 3));
        // Waiting, pruned and plain failed trials all count.
        QVERIFY(s->finishTrial(made[0].id, tw::TrialState::Pruned, std::nullopt, "", at(1)));
        QVERIFY(s->finishTrial(made[1].id, tw::TrialState::Failed, std::nullopt, "x", at(1)));
        QVERIFY(!s->createTrial(study.id, waiting(1), 3));
        // A failed trial marked as retried frees its slot, for its retry.
        s->setTrialSystemAttr(made[1].id, "retried", "true");
        const auto retry = s->createTrial(study.id, waiting(1), 3);
        QVERIFY(retry);
        QVERIFY(!s->createTrial(study.id, waiting(2), 3));
        // The mark on a still-running trial changes nothing until it fails.
        s->setTrialSystemAttr(made[2].id, "retried", "true");
        QVERIFY(!s->createTrial(study.id, waiting(2), 3));
        QVERIFY(s->finishTrial(made[2].id, tw::TrialState::Failed, std::nullopt, "y", at(2)));
        QVERIFY(s->createTrial(study.id, waiting(2), 3));
        QVERIFY(!s->createTrial(study.id, waiting(3), 3));
        // A stale failure is a failure like any other.
        const auto claimed = s->claimWaitingTrial(study.id, at(10));
        QVERIFY(claimed);
        const auto stale = s->failStaleTrials(study.id, at(1000), std::chrono::seconds(60));
        QCOMPARE(stale.size(), std::size_t(1));
        QVERIFY(!s->createTrial(study.id, waiting(3), 3));
        s->setTrialSystemAttr(claimed->id, "retried", "true");
        QVERIFY(s->createTrial(study.id, waiting(3), 3));
    }

    static void claimIsOldestFirst(const StorageFactory& make)
    {
        auto s = make();
        const auto study = s->createStudy(record("a"));
        QVERIFY(!s->claimWaitingTrial(study.id, at(0)));
        s->createTrial(study.id, running());
        const auto w1 = s->createTrial(study.id, waiting(1));
        s->createTrial(study.id, running());
        const auto w2 = s->createTrial(study.id, waiting(2));
        const auto c1 = s->claimWaitingTrial(study.id, at(5));
        QVERIFY(c1);
        QCOMPARE(c1->id, w1->id);
        QVERIFY(c1->state == tw::TrialState::Running);
        QVERIFY(c1->started && *c1->started == at(5));
        QCOMPARE(c1->params.at("x"), 1.0);
        QVERIFY(s->trial(w1->id).state == tw::TrialState::Running);
        const auto c2 = s->claimWaitingTrial(study.id, at(6));
        QCOMPARE(c2->id, w2->id);
        QVERIFY(!s->claimWaitingTrial(study.id, at(7)));
    }

    static void claimIsUniqueUnderRaces(const StorageFactory& make)
    {
        auto s = make();
        const auto study = s->createStudy(record("a"));
        const auto other = s->createStudy(record("other"));
        constexpr int kWaiting = 80;
        constexpr int kThreads = 8;
        for (int i = 0; i < kWaiting; ++i)
            s->createTrial(study.id, waiting(i));
        s->createTrial(other.id, waiting(0));
        std::vector<std::vector<tw::FrozenTrial>> claimed(kThreads);
        std::atomic<int> errors{0};
        {
            std::vector<std::thread> pool;
            for (int k = 0; k < kThreads; ++k)
                pool.emplace_back([&, k] {
                    try {
                        while (auto t = s->claimWaitingTrial(study.id, at(k)))
                            claimed[std::size_t(k)].push_back(*t);
                    } catch (...) {
                        ++errors;
                    }
                });
            for (auto& th : pool)
                th.join();
        }
        QCOMPARE(errors.load(), 0);
        std::set<std::int64_t> ids;
        for (const auto& v : claimed) {
            for (std::size_t i = 0; i < v.size(); ++i) {
                QVERIFY(ids.insert(v[i].id).second);
                QVERIFY(v[i].state == tw::TrialState::Running);
                if (i > 0)
                    QVERIFY(v[i].number > v[i - 1].number);  // oldest first, per claimer
            }
        }
        QCOMPARE(int(ids.size()), kWaiting);
        for (const auto& t : s->trials(study.id))
            QVERIFY(t.state == tw::TrialState::Running);
        QVERIFY(s->trials(other.id)[0].state == tw::TrialState::Waiting);
    }

    static void staleTrialsFail(const StorageFactory& make)
    {
        auto s = make();
        const auto study = s->createStudy(record("a"));
        const auto other = s->createStudy(record("other"));
        const auto beating = s->createTrial(study.id, running(0));
        const auto silent = s->createTrial(study.id, running(0));
        const auto lateStart = s->createTrial(study.id, running(50));
        const auto queued = s->createTrial(study.id, waiting(1));
        const auto elsewhere = s->createTrial(other.id, running(0));
        s->heartbeat(beating->id, at(45));
        QVERIFY(*s->trial(beating->id).heartbeat == at(45));
        const std::chrono::seconds grace(60);

        // At 60 s nothing is older than the grace period (exactly 60 s is not stale).
        QVERIFY(s->failStaleTrials(study.id, at(60), grace).empty());
        // At 100 s: `silent` started at 0 with no heartbeat; `beating` beat at 45 (55 s ago).
        auto failed = s->failStaleTrials(study.id, at(100), grace);
        QCOMPARE(failed.size(), std::size_t(1));
        QCOMPARE(failed[0].id, silent->id);
        QVERIFY(failed[0].state == tw::TrialState::Failed);
        QVERIFY(failed[0].finished && *failed[0].finished == at(100));
        QVERIFY(!failed[0].reason.empty());
        QVERIFY(s->trial(silent->id).state == tw::TrialState::Failed);
        // The worker that owned it can no longer finish it, nor report on it.
        QVERIFY(!s->finishTrial(silent->id, tw::TrialState::Complete, 1.0, "", at(101)));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError, s->reportIntermediate(silent->id, 0, 1.0));
        s->heartbeat(silent->id, at(102));  // ignored
        QVERIFY(s->trial(silent->id).state == tw::TrialState::Failed);

        // At 106 s `beating` is 61 s silent; `lateStart` started at 50 (56 s).
        failed = s->failStaleTrials(study.id, at(106), grace);
        QCOMPARE(failed.size(), std::size_t(1));
        QCOMPARE(failed[0].id, beating->id);
        // A second caller at the same time finds nothing left to fail.
        QVERIFY(s->failStaleTrials(study.id, at(106), grace).empty());
        failed = s->failStaleTrials(study.id, at(1000), grace);
        QCOMPARE(failed.size(), std::size_t(1));
        QCOMPARE(failed[0].id, lateStart->id);
        QVERIFY(s->trial(queued->id).state == tw::TrialState::Waiting);
        QVERIFY(s->trial(elsewhere->id).state == tw::TrialState::Running);

        // Racing fail-stale callers fail each trial exactly once.
        for (int i = 0; i < 40; ++i)
            s->createTrial(study.id, running(2000));
        std::atomic<int> total{0};
        {
            std::vector<std::thread> pool;
            for (int k = 0; k < 4; ++k)
                pool.emplace_back([&] {
                    total += int(s->failStaleTrials(study.id, at(5000), grace).size());
                });
            for (auto& th : pool)
                th.join();
        }
        QCOMPARE(total.load(), 40);
    }

    static void logsAreCapped(const StorageFactory& make)
    {
        auto s = make();
        const auto study = s->createStudy(record("a"));
        const auto t = s->createTrial(study.id, running());
        const auto u = s->createTrial(study.id, running());
        QCOMPARE(s->trialLog(t->id, "stdout"), std::string());
        s->appendTrialLog(t->id, "stdout", "line 1\n");
        s->appendTrialLog(t->id, "stdout", "line 2\n");
        s->appendTrialLog(t->id, "stderr", "warn\n");
        s->appendTrialLog(u->id, "stdout", "other\n");
        QCOMPARE(s->trialLog(t->id, "stdout"), std::string("line 1\nline 2\n"));
        QCOMPARE(s->trialLog(t->id, "stderr"), std::string("warn\n"));
        QCOMPARE(s->trialLog(u->id, "stdout"), std::string("other\n"));

        const std::size_t cap = tw::StudyStorage::logCap();
        std::string chunk(cap / 3, 'a');
        for (int i = 0; i < 4; ++i) {
            std::fill(chunk.begin(), chunk.end(), char('a' + i));
            s->appendTrialLog(t->id, "stdout", chunk);
        }
        std::string log = s->trialLog(t->id, "stdout");
        QCOMPARE(log.size(), cap);
        QCOMPARE(log.back(), 'd');
        QCOMPARE(log.front(), 'a');  // the newest cap bytes: part of 'a', then b, c, d
        QCOMPARE(std::size_t(std::count(log.begin(), log.end(), 'd')), chunk.size());
        QCOMPARE(std::size_t(std::count(log.begin(), log.end(), 'a')), cap - 3 * chunk.size());
        // One append larger than the cap keeps its own tail.
        std::string big(cap + 10, 'x');
        big.replace(0, 10, "0123456789");
        big.back() = 'z';
        s->appendTrialLog(t->id, "stdout", big);
        log = s->trialLog(t->id, "stdout");
        QCOMPARE(log.size(), cap);
        QCOMPARE(log.back(), 'z');
        QCOMPARE(std::size_t(std::count(log.begin(), log.end(), 'x')), cap - 1);
        // Logs of finished trials can still be completed (the tail of a killed process).
        QVERIFY(s->finishTrial(u->id, tw::TrialState::Failed, std::nullopt, "killed", tw::Clock::now()));
        s->appendTrialLog(u->id, "stdout", "tail\n");
        QCOMPARE(s->trialLog(u->id, "stdout"), std::string("other\ntail\n"));
    }

    // #14: many small appends, as a trainer's log lines arrive, past the cap.
    static void logChunksKeepOrderUnderTheCap(const StorageFactory& make)
    {
        auto s = make();
        const auto study = s->createStudy(record("a"));
        const auto t = s->createTrial(study.id, running());
        const std::size_t cap = tw::StudyStorage::logCap();
        std::string all;
        int line = 0;
        while (all.size() < cap + cap / 4) {
            // Lines of varying length, so chunk boundaries fall anywhere.
            std::string text = "line " + std::to_string(line) + " " +
                               std::string(std::size_t(2000 + (line * 7919) % 30000), char('a' + line % 26)) + "\n";
            s->appendTrialLog(t->id, "train", text);
            all += text;
            ++line;
            if (line == 3)  // below the cap: everything, in order
                QCOMPARE(s->trialLog(t->id, "train"), all);
        }
        const std::string log = s->trialLog(t->id, "train");
        QCOMPARE(log.size(), cap);
        QVERIFY(log == all.substr(all.size() - cap));
        // An empty append changes nothing; another stream is independent.
        s->appendTrialLog(t->id, "train", "");
        QVERIFY(s->trialLog(t->id, "train") == log);
        QCOMPARE(s->trialLog(t->id, "stderr"), std::string());
    }

    // #14: the study path's batched write.
    static void writeTrialsBatch(const StorageFactory& make)
    {
        auto s = make();
        const auto study = s->createStudy(record("a"));
        const auto t = s->createTrial(study.id, running(0));
        const auto w = s->createTrial(study.id, waiting(1));
        const auto done = s->createTrial(study.id, running(0));
        QVERIFY(s->finishTrial(done->id, tw::TrialState::Failed, std::nullopt, "stale", at(1)));
        std::int64_t v = -1;
        s->trialsChangedSince(study.id, 0, &v);

        QVERIFY(s->writeTrials({}).empty());
        std::vector<tw::StudyStorage::TrialWrites> batch(4);
        batch[0].trialId = t->id;
        batch[0].intermediate = {{0, 0.5}, {1, 0.25}, {1, 0.75}, {2, std::nan("")}};
        batch[0].logs = {{"train", "epoch 0\nepoch 1\n"}, {"stderr", "warn\n"}, {"train", "epoch 2\n"}};
        batch[0].heartbeat = at(10);
        batch[1].trialId = w->id;  // waiting: takes values, no heartbeat
        batch[1].intermediate = {{0, 1.0}};
        batch[1].heartbeat = at(10);
        batch[2].trialId = done->id;  // finished: refuses values, takes its log
        batch[2].intermediate = {{0, 9.0}};
        batch[2].logs = {{"stdout", "tail\n"}};
        batch[3].trialId = 987654321;  // unknown
        batch[3].intermediate = {{0, 1.0}};
        batch[3].logs = {{"stdout", "lost\n"}};
        auto refused = s->writeTrials(batch);
        std::sort(refused.begin(), refused.end());
        QCOMPARE(refused, (std::vector<std::int64_t>{done->id, 987654321}));

        const tw::FrozenTrial got = s->trial(t->id);
        QCOMPARE(got.intermediate.size(), std::size_t(3));
        QCOMPARE(got.intermediate.at(0), 0.5);
        QCOMPARE(got.intermediate.at(1), 0.75);  // a step given twice keeps the last
        QVERIFY(std::isnan(got.intermediate.at(2)));
        QVERIFY(got.heartbeat.has_value());
        QVERIFY(std::chrono::abs(*got.heartbeat - at(10)) < std::chrono::milliseconds(1));
        QCOMPARE(s->trialLog(t->id, "train"), std::string("epoch 0\nepoch 1\nepoch 2\n"));
        QCOMPARE(s->trialLog(t->id, "stderr"), std::string("warn\n"));
        const tw::FrozenTrial waitingNow = s->trial(w->id);
        QCOMPARE(waitingNow.intermediate.at(0), 1.0);
        QVERIFY(!waitingNow.heartbeat.has_value());
        QVERIFY(s->trial(done->id).intermediate.empty());
        QCOMPARE(s->trialLog(done->id, "stdout"), std::string("tail\n"));

        // Each changed trial is listed once; the refused one not at all.
        std::int64_t v2 = -1;
        const auto changed = s->trialsChangedSince(study.id, v, &v2);
        QCOMPARE(changed.size(), std::size_t(2));
        QCOMPARE(changed[0].id, t->id);
        QCOMPARE(changed[1].id, w->id);
        QVERIFY(v2 > v);
        // Logs alone change no trial (as appendTrialLog).
        std::vector<tw::StudyStorage::TrialWrites> logsOnly(1);
        logsOnly[0].trialId = t->id;
        logsOnly[0].logs = {{"train", "epoch 3\n"}};
        QVERIFY(s->writeTrials(logsOnly).empty());
        std::int64_t v3 = -1;
        QVERIFY(s->trialsChangedSince(study.id, v2, &v3).empty());
        QCOMPARE(s->trialLog(t->id, "train"), std::string("epoch 0\nepoch 1\nepoch 2\nepoch 3\n"));
        // A nameless stream is refused before anything is written.
        std::vector<tw::StudyStorage::TrialWrites> bad(2);
        bad[0].trialId = t->id;
        bad[0].intermediate = {{5, 5.0}};
        bad[1].trialId = t->id;
        bad[1].logs = {{"", "x"}};
        QVERIFY_THROWS_EXCEPTION(tw::StorageError, s->writeTrials(bad));
        QVERIFY(!s->trial(t->id).intermediate.count(5));
    }

    // A long flush (the SQL backends write values in multi-row statements of up to 64
    // rows): every value lands, repeats keep the last, stored steps are overwritten.
    static void writeTrialsManyValues(const StorageFactory& make)
    {
        auto s = make();
        const auto study = s->createStudy(record("a"));
        const auto t = s->createTrial(study.id, running(0));
        s->reportIntermediate(t->id, 0, 1.0);
        std::vector<tw::StudyStorage::TrialWrites> batch(1);
        batch[0].trialId = t->id;
        for (std::int64_t step = 0; step < 203; ++step)
            batch[0].intermediate.emplace_back(step, 0.5 * static_cast<double>(step));
        batch[0].intermediate.emplace_back(7, -7.0);
        batch[0].intermediate.emplace_back(150, std::numeric_limits<double>::infinity());
        QVERIFY(s->writeTrials(batch).empty());
        const tw::FrozenTrial got = s->trial(t->id);
        QCOMPARE(got.intermediate.size(), std::size_t(203));
        QCOMPARE(got.intermediate.at(0), 0.0);
        QCOMPARE(got.intermediate.at(7), -7.0);
        QCOMPARE(got.intermediate.at(150), std::numeric_limits<double>::infinity());
        QCOMPARE(got.intermediate.at(202), 101.0);
        for (std::int64_t step = 0; step < 203; ++step)
            if (step != 7 && step != 150)
                QCOMPARE(got.intermediate.at(step), 0.5 * static_cast<double>(step));
    }

    static void artifacts(const StorageFactory& make)
    {
        auto s = make();
        const auto study = s->createStudy(record("a"));
        const auto t = s->createTrial(study.id, running());
        QVERIFY(!s->artifact(t->id, "model"));
        std::string bytes("\0\x01\xff{\"w\":[1,2]}", 14);
        s->putArtifact(t->id, "model", bytes);
        s->putArtifact(t->id, "confusion", "[[1,0],[0,1]]");
        QCOMPARE(*s->artifact(t->id, "model"), bytes);
        s->putArtifact(t->id, "model", "v2");
        QCOMPARE(*s->artifact(t->id, "model"), std::string("v2"));
        QVERIFY(s->finishTrial(t->id, tw::TrialState::Complete, 1.0, "", tw::Clock::now()));
        s->putArtifact(t->id, "pinned-model", bytes);  // after finishing, e.g. a pin
        QCOMPARE(*s->artifact(t->id, "pinned-model"), bytes);
        s->deleteArtifact(t->id, "model");
        QVERIFY(!s->artifact(t->id, "model"));
        s->deleteArtifact(t->id, "model");  // deleting nothing is fine
        QCOMPARE(*s->artifact(t->id, "confusion"), std::string("[[1,0],[0,1]]"));
        std::string large(3 << 20, '\x7f');
        s->putArtifact(t->id, "large", large);
        QCOMPARE(s->artifact(t->id, "large")->size(), large.size());
    }

    static void trialsChangedSince(const StorageFactory& make)
    {
        auto s = make();
        const auto study = s->createStudy(record("a"));
        const auto other = s->createStudy(record("other"));
        std::int64_t v0 = -1;
        QVERIFY(s->trialsChangedSince(study.id, 0, &v0).empty());
        const auto a = s->createTrial(study.id, running(0));
        const auto b = s->createTrial(study.id, running(0));
        const auto c = s->createTrial(study.id, waiting(3));
        std::int64_t v1 = -1;
        auto changed = s->trialsChangedSince(study.id, 0, &v1);
        QCOMPARE(changed.size(), std::size_t(3));
        QCOMPARE(changed[0].number, 0);
        QCOMPARE(changed[2].number, 2);
        QVERIFY(v1 > v0);
        std::int64_t same = -1;
        QVERIFY(s->trialsChangedSince(study.id, v1, &same).empty());
        QCOMPARE(same, v1);

        // Changes to another study move the counter but list nothing here.
        s->createTrial(other.id, running());
        std::int64_t v2 = -1;
        QVERIFY(s->trialsChangedSince(study.id, v1, &v2).empty());
        QVERIFY(v2 >= v1);

        auto expectOnly = [&](std::int64_t since, std::int64_t id, std::int64_t* now) {
            const auto list = s->trialsChangedSince(study.id, since, now);
            return list.size() == 1 && list[0].id == id;
        };
        std::int64_t v = v2, next = -1;
        s->reportIntermediate(b->id, 1, 0.5);
        QVERIFY(expectOnly(v, b->id, &next));
        QVERIFY(next > v);
        v = next;
        s->setTrialParam(a->id, "x", 1.0, tw::Distribution::makeFloat(0, 2));
        QVERIFY(expectOnly(v, a->id, &next));
        v = next;
        s->setTrialUserAttr(c->id, "k", "1");
        QVERIFY(expectOnly(v, c->id, &next));
        v = next;
        s->setTrialSystemAttr(c->id, "k", "2");
        QVERIFY(expectOnly(v, c->id, &next));
        v = next;
        s->heartbeat(a->id, at(5));
        QVERIFY(expectOnly(v, a->id, &next));
        v = next;
        s->claimWaitingTrial(study.id, at(6));
        QVERIFY(expectOnly(v, c->id, &next));
        v = next;
        QVERIFY(s->finishTrial(b->id, tw::TrialState::Pruned, std::nullopt, "", at(7)));
        QVERIFY(expectOnly(v, b->id, &next));
        v = next;
        s->failStaleTrials(study.id, at(1000), std::chrono::seconds(1));
        const auto stale = s->trialsChangedSince(study.id, v, &next);
        QCOMPARE(stale.size(), std::size_t(2));  // a and c, in number order
        QCOMPARE(stale[0].id, a->id);
        QCOMPARE(stale[1].id, c->id);
        QVERIFY(stale[0].state == tw::TrialState::Failed);
        v = next;
        // A refused change changes nothing.
        QVERIFY(!s->finishTrial(b->id, tw::TrialState::Complete, 1.0, "", at(8)));
        s->heartbeat(b->id, at(9));
        QVERIFY(s->trialsChangedSince(study.id, v, &next).empty());
        // Several changes to one trial list it once, as it is now.
        s->setTrialUserAttr(a->id, "n", "1");
        s->setTrialUserAttr(a->id, "n", "2");
        const auto once = s->trialsChangedSince(study.id, v, &next);
        QCOMPARE(once.size(), std::size_t(1));
        QCOMPARE(once[0].userAttrs.at("n"), std::string("2"));
        // The null pointer is allowed.
        QCOMPARE(s->trialsChangedSince(study.id, 0, nullptr).size(), std::size_t(3));
    }

    static void unknownIdsThrow(const StorageFactory& make)
    {
        auto s = make();
        const auto study = s->createStudy(record("a"));
        const std::int64_t noStudy = study.id + 1000;
        const std::int64_t noTrial = 987654321;
        QVERIFY_THROWS_EXCEPTION(tw::StorageError, s->createTrial(noStudy, running()));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError, s->claimWaitingTrial(noStudy, at(0)));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError, s->trials(noStudy));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError, s->trialsChangedSince(noStudy, 0, nullptr));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError,
                                 s->failStaleTrials(noStudy, at(0), std::chrono::seconds(1)));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError, s->renameStudy(noStudy, "z"));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError, s->deleteStudy(noStudy));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError, s->setStudyUserAttr(noStudy, "k", "1"));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError, s->trial(noTrial));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError,
                                 s->setTrialParam(noTrial, "x", 1, tw::Distribution::makeFloat(0, 2)));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError, s->reportIntermediate(noTrial, 0, 1.0));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError, s->setTrialSystemAttr(noTrial, "k", "1"));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError, s->heartbeat(noTrial, at(0)));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError,
                                 s->finishTrial(noTrial, tw::TrialState::Failed, std::nullopt, "", at(0)));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError, s->appendTrialLog(noTrial, "stdout", "x"));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError, s->putArtifact(noTrial, "model", "x"));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError, s->artifact(noTrial, "model"));
    }
};

} // namespace tw::test
