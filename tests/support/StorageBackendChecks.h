#pragma once
// Checks of the StudyStorage contract for backends that several connections can open
// (SQLite, PostgreSQL). Each takes an `open` factory: every call returns a NEW instance on
// the SAME store, and may be called from any thread (the concurrency checks call it inside
// worker threads, so each thread owns its connection). Study names carry `prefix`, so runs
// sharing one database do not collide; each check deletes the studies it made.
//
// Failures use QTest macros; a caller should `if (QTest::currentTestFailed()) return;`
// when it runs more than one check in a slot.
#include "study/StudyStorage.h"
#include "core/Random.h"

#include <QtTest>

#include <atomic>
#include <cmath>
#include <functional>
#include <memory>
#include <random>
#include <set>
#include <thread>

namespace tw::test {

using StorageFactory = std::function<std::unique_ptr<StudyStorage>()>;

inline QString q(const std::string& s) { return QString::fromStdString(s); }

// Exact equality (storage must not round), with NaN equal to NaN. -0.0 equals 0.0: SQLite
// stores a REAL that holds an integer as an integer, which drops the sign of zero.
inline bool sameDouble(double a, double b)
{
    if (std::isnan(a) || std::isnan(b))
        return std::isnan(a) && std::isnan(b);
    return a == b;
}

// A fixed, controlled instant: tests never read the wall clock for what they assert.
inline TimePoint at(std::int64_t seconds, std::int64_t nanos = 0)
{
    return TimePoint(std::chrono::duration_cast<Clock::duration>(
        std::chrono::seconds(1'900'000'000 + seconds) + std::chrono::nanoseconds(nanos)));
}

inline std::string uniquePrefix()
{
    std::random_device rd;
    std::string out("t");  // built step by step: GCC 12 misreports "lit" + string&& (-Wrestrict)
    out += std::to_string(rd() % 1000000000u);
    out += '-';
    return out;
}

inline StudyRecord makeStudy(const std::string& name)
{
    StudyRecord s;
    s.name = name;
    s.direction = StudyDirection::Maximize;
    s.specJson = R"({"name":")" + name + R"(","version":1})";
    s.metric = "val_accuracy";
    s.appVersion = "0.1.0";
    s.buildFlags = "GNU 12.2 Release -O3 -march=x86-64-v3";
    s.threads = 3;
    return s;
}

inline FrozenTrial makeTrial(TrialState state, std::optional<TimePoint> started = std::nullopt)
{
    FrozenTrial t;
    t.state = state;
    t.started = started;
    return t;
}

// Why two trials differ, or empty when they are the same.
inline QString trialDiff(const FrozenTrial& a, const FrozenTrial& b)
{
    if (a.id != b.id)
        return QStringLiteral("id %1 vs %2").arg(a.id).arg(b.id);
    if (a.number != b.number)
        return QStringLiteral("number %1 vs %2").arg(a.number).arg(b.number);
    if (a.state != b.state)
        return QStringLiteral("state %1 vs %2").arg(int(a.state)).arg(int(b.state));
    if (a.value.has_value() != b.value.has_value() || (a.value && !sameDouble(*a.value, *b.value)))
        return QStringLiteral("value differs");
    if (a.params.size() != b.params.size())
        return QStringLiteral("param count %1 vs %2").arg(a.params.size()).arg(b.params.size());
    for (const auto& [k, v] : a.params) {
        auto it = b.params.find(k);
        if (it == b.params.end() || !sameDouble(v, it->second))
            return QStringLiteral("param %1 differs").arg(q(k));
    }
    if (a.distributions != b.distributions)
        return QStringLiteral("distributions differ");
    if (a.intermediate.size() != b.intermediate.size())
        return QStringLiteral("intermediate count differs");
    for (const auto& [k, v] : a.intermediate) {
        auto it = b.intermediate.find(k);
        if (it == b.intermediate.end() || !sameDouble(v, it->second))
            return QStringLiteral("intermediate at step %1 differs").arg(k);
    }
    if (a.started != b.started || a.finished != b.finished || a.heartbeat != b.heartbeat)
        return QStringLiteral("times differ");
    if (a.reason != b.reason)
        return QStringLiteral("reason \"%1\" vs \"%2\"").arg(q(a.reason), q(b.reason));
    if (a.userAttrs != b.userAttrs || a.systemAttrs != b.systemAttrs)
        return QStringLiteral("attrs differ");
    return {};
}

#define TW_EXPECT_STORAGE_ERROR(expr, fragment)                                                    \
    do {                                                                                           \
        bool thrown_ = false;                                                                      \
        try {                                                                                      \
            (void)(expr);                                                                          \
        } catch (const tw::StorageError& e_) {                                                     \
            thrown_ = true;                                                                        \
            QVERIFY2(QString::fromUtf8(e_.what()).contains(QStringLiteral(fragment)), e_.what()); \
        }                                                                                          \
        QVERIFY2(thrown_, "expected a StorageError from " #expr);                                  \
    } while (0)

inline void checkStudiesCrud(const StorageFactory& open, const std::string& prefix)
{
    auto s = open();
    StudyRecord a = makeStudy(prefix + "alpha");
    a.userAttrs["note"] = R"("first try")";
    a.systemAttrs["resumes"] = "0";
    const StudyRecord created = s->createStudy(a);
    QVERIFY(created.id >= 0);
    const StudyRecord b = s->createStudy(makeStudy(prefix + "beta"));
    QVERIFY(b.id != created.id);
    TW_EXPECT_STORAGE_ERROR(s->createStudy(makeStudy(prefix + "alpha")), "already exists");

    auto other = open();  // another connection sees it, with every field
    const auto found = other->findStudy(prefix + "alpha");
    QVERIFY(found.has_value());
    QCOMPARE(found->id, created.id);
    QCOMPARE(q(found->name), q(a.name));
    QVERIFY(found->direction == StudyDirection::Maximize);
    QCOMPARE(q(found->specJson), q(a.specJson));
    QCOMPARE(q(found->metric), q(a.metric));
    QCOMPARE(q(found->appVersion), q(a.appVersion));
    QCOMPARE(q(found->buildFlags), q(a.buildFlags));
    QCOMPARE(found->threads, 3);
    QVERIFY(found->userAttrs == a.userAttrs);
    QVERIFY(found->systemAttrs == a.systemAttrs);
    QVERIFY(!other->findStudy(prefix + "nope").has_value());

    s->setStudyUserAttr(created.id, "note", R"("second try")");
    s->setStudySystemAttr(created.id, "sampler_state", R"({"n":2})");
    int seen = 0;
    for (const StudyRecord& r : other->studies()) {
        if (r.id == created.id) {
            ++seen;
            QCOMPARE(q(r.userAttrs.at("note")), QStringLiteral(R"("second try")"));
            QCOMPARE(q(r.systemAttrs.at("sampler_state")), QStringLiteral(R"({"n":2})"));
            QCOMPARE(q(r.systemAttrs.at("resumes")), QStringLiteral("0"));
        }
        if (r.id == b.id)
            ++seen;
    }
    QCOMPARE(seen, 2);

    s->renameStudy(created.id, prefix + "gamma");
    QVERIFY(!other->findStudy(prefix + "alpha").has_value());
    QCOMPARE(other->findStudy(prefix + "gamma")->id, created.id);
    TW_EXPECT_STORAGE_ERROR(s->renameStudy(created.id, prefix + "beta"), "already exists");
    TW_EXPECT_STORAGE_ERROR(s->renameStudy(987654321, prefix + "delta"), "no study");
    TW_EXPECT_STORAGE_ERROR(s->setStudyUserAttr(987654321, "k", "1"), "no study");

    s->deleteStudy(b.id);
    QVERIFY(!other->findStudy(prefix + "beta").has_value());
    TW_EXPECT_STORAGE_ERROR(s->deleteStudy(b.id), "no study");
    s->deleteStudy(created.id);
    QVERIFY(!s->findStudy(prefix + "gamma").has_value());
}

inline void checkTrialNumbering(const StorageFactory& open, const std::string& prefix)
{
    auto s = open();
    const auto a = s->createStudy(makeStudy(prefix + "numbering-a"));
    const auto b = s->createStudy(makeStudy(prefix + "numbering-b"));
    std::set<std::int64_t> ids;
    for (int i = 0; i < 3; ++i) {
        auto t = s->createTrial(a.id, makeTrial(i == 1 ? TrialState::Running : TrialState::Waiting,
                                                at(i)));
        QVERIFY(t.has_value());
        QCOMPARE(t->number, i);
        ids.insert(t->id);
    }
    const auto first = s->createTrial(b.id, makeTrial(TrialState::Waiting));
    QCOMPARE(first->number, 0);
    ids.insert(first->id);
    QCOMPARE(int(ids.size()), 4);  // ids are unique across studies

    const auto all = open()->trials(a.id);
    QCOMPARE(int(all.size()), 3);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(all[i].number, i);
    QVERIFY(all[1].state == TrialState::Running);
    QVERIFY(all[1].started == at(1));
    QVERIFY(all[0].state == TrialState::Waiting);
    TW_EXPECT_STORAGE_ERROR(s->createTrial(987654321, makeTrial(TrialState::Waiting)), "no study");
    TW_EXPECT_STORAGE_ERROR(s->trials(987654321), "no study");
    s->deleteStudy(a.id);
    s->deleteStudy(b.id);
}

inline void checkParamsRoundTrip(const StorageFactory& open, const std::string& prefix)
{
    auto s = open();
    const auto study = s->createStudy(makeStudy(prefix + "params"));
    FrozenTrial t = makeTrial(TrialState::Running, at(0, 123456789));
    const std::vector<std::string> choices = {R"("relu")",      "[64,64]", R"({"a":null,"b":[1.5]})",
                                              "1e-4",           "true",    R"("quote \" and \\")",
                                              R"("ünïcødé ✓")", "null"};
    t.distributions["lr"] = Distribution::makeFloat(1e-5, 0.1, true);
    t.params["lr"] = 0.0012345678901234567;
    t.distributions["dropout"] = Distribution::makeFloat(0.0, 0.5, false, 0.05);
    t.params["dropout"] = 0.30000000000000004;
    t.distributions["batch"] = Distribution::makeInt(16, 128, false, 16);
    t.params["batch"] = 64;
    t.distributions["units"] = Distribution::makeInt(1, 1024, true);
    t.params["units"] = 100;
    t.distributions["model.hidden"] = Distribution::makeCategorical(choices);
    t.params["model.hidden"] = 2;
    t.distributions["fixed"] = Distribution::makeFixed(R"({"k":"v"})");
    t.params["fixed"] = 0;
    t.userAttrs["tag"] = R"("baseline")";
    t.systemAttrs["grid_index"] = "17";
    const auto created = s->createTrial(study.id, t);
    QVERIFY(created.has_value());

    s->setTrialParam(created->id, "tiny", 5e-324, Distribution::makeFloat(0.0, 1.0));
    s->setTrialParam(created->id, "neg", -0.0, Distribution::makeFloat(-1.0, 1.0));
    s->setTrialParam(created->id, "late", 3, Distribution::makeCategorical(choices));
    TW_EXPECT_STORAGE_ERROR(
        s->setTrialParam(created->id, "bad", 2.0, Distribution::makeFloat(0.0, 1.0)), "outside");
    TW_EXPECT_STORAGE_ERROR(s->setTrialParam(987654321, "x", 0.5, Distribution::makeFloat(0, 1)),
                            "no trial");

    FrozenTrial expected = *created;
    expected.params["tiny"] = 5e-324;
    expected.distributions["tiny"] = Distribution::makeFloat(0.0, 1.0);
    expected.params["neg"] = -0.0;
    expected.distributions["neg"] = Distribution::makeFloat(-1.0, 1.0);
    expected.params["late"] = 3;
    expected.distributions["late"] = Distribution::makeCategorical(choices);
    const FrozenTrial read = open()->trial(created->id);
    QVERIFY2(trialDiff(read, expected).isEmpty(), qPrintable(trialDiff(read, expected)));
    QCOMPARE(q(read.distributions.at("model.hidden").choices().at(6)), QStringLiteral(R"("ünïcødé ✓")"));

    // A parameter without a distribution is a misuse, not a silent drop.
    FrozenTrial bad = makeTrial(TrialState::Waiting);
    bad.params["x"] = 1.0;
    TW_EXPECT_STORAGE_ERROR(s->createTrial(study.id, bad), "no distribution");
    s->deleteStudy(study.id);
}

inline void checkIntermediateNonFinite(const StorageFactory& open, const std::string& prefix)
{
    auto s = open();
    const auto study = s->createStudy(makeStudy(prefix + "nonfinite"));
    const auto t = s->createTrial(study.id, makeTrial(TrialState::Running, at(0)));
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    const std::map<std::int64_t, double> values = {
        {0, 0.5}, {1, nan}, {2, inf}, {3, -inf}, {4, -0.0}, {5, 1.7976931348623157e308},
        {6, 5e-324}, {7, 0.1}, {1'000'000'000'000LL, -2.5}};
    for (const auto& [step, v] : values)
        s->reportIntermediate(t->id, step, v);
    s->reportIntermediate(t->id, 7, 0.7);  // reporting a step again replaces it
    QVERIFY(s->finishTrial(t->id, TrialState::Complete, inf, "", at(10)));
    const auto u = s->createTrial(study.id, makeTrial(TrialState::Running, at(0)));
    QVERIFY(s->finishTrial(u->id, TrialState::Complete, -inf, "", at(11)));
    const auto w = s->createTrial(study.id, makeTrial(TrialState::Running, at(0)));
    QVERIFY(s->finishTrial(w->id, TrialState::Failed, nan, "loss became NaN", at(12)));

    auto r = open();
    const FrozenTrial read = r->trial(t->id);
    QCOMPARE(int(read.intermediate.size()), int(values.size()));
    for (const auto& [step, v] : values) {
        const double want = step == 7 ? 0.7 : v;
        QVERIFY2(sameDouble(read.intermediate.at(step), want),
                 qPrintable(QStringLiteral("step %1").arg(step)));
    }
    QVERIFY(read.value && std::isinf(*read.value) && *read.value > 0);
    QVERIFY(read.lastStep() == 1'000'000'000'000LL);
    QVERIFY(sameDouble(*r->trial(u->id).value, -inf));
    // Only a complete trial keeps a value (the shared contract): the failed one has none.
    QVERIFY(!r->trial(w->id).value);
    QCOMPARE(q(r->trial(w->id).reason), QStringLiteral("loss became NaN"));
    s->deleteStudy(study.id);
}

inline void checkFinishedTrialsImmutable(const StorageFactory& open, const std::string& prefix)
{
    auto s = open();
    const auto study = s->createStudy(makeStudy(prefix + "immutable"));
    FrozenTrial t = makeTrial(TrialState::Running, at(0));
    t.distributions["x"] = Distribution::makeFloat(0, 1);
    t.params["x"] = 0.25;
    const auto created = s->createTrial(study.id, t);
    s->reportIntermediate(created->id, 0, 0.9);
    s->heartbeat(created->id, at(5));
    QVERIFY(s->finishTrial(created->id, TrialState::Pruned, std::nullopt, "pruned at step 0", at(7)));
    const FrozenTrial before = s->trial(created->id);
    QVERIFY(before.state == TrialState::Pruned);
    QVERIFY(before.finished == at(7));
    QVERIFY(before.heartbeat == at(5));
    QCOMPARE(before.durationSeconds().value_or(-1), 7.0);

    QVERIFY(!s->finishTrial(created->id, TrialState::Complete, 1.0, "", at(8)));
    TW_EXPECT_STORAGE_ERROR(
        s->setTrialParam(created->id, "x", 0.5, Distribution::makeFloat(0, 1)), "finished");
    TW_EXPECT_STORAGE_ERROR(s->reportIntermediate(created->id, 1, 0.5), "finished");
    s->heartbeat(created->id, at(9));  // the expected race with failStaleTrials: ignored
    QVERIFY2(trialDiff(s->trial(created->id), before).isEmpty(),
             qPrintable(trialDiff(s->trial(created->id), before)));

    // Notes stay editable on finished trials; the retry policy marks failed ones.
    s->setTrialUserAttr(created->id, "note", R"("looked odd")");
    QCOMPARE(q(open()->trial(created->id).userAttrs.at("note")), QStringLiteral(R"("looked odd")"));

    TW_EXPECT_STORAGE_ERROR(s->finishTrial(created->id, TrialState::Running, std::nullopt, "", at(9)),
                            "not a finished state");
    TW_EXPECT_STORAGE_ERROR(s->trial(987654321), "no trial");
    TW_EXPECT_STORAGE_ERROR(s->finishTrial(987654321, TrialState::Complete, 1.0, "", at(9)),
                            "no trial");
    TW_EXPECT_STORAGE_ERROR(s->heartbeat(987654321, at(9)), "no trial");
    // A waiting trial cannot be finished without being claimed.
    const auto waiting = s->createTrial(study.id, makeTrial(TrialState::Waiting));
    QVERIFY(!s->finishTrial(waiting->id, TrialState::Complete, 1.0, "", at(9)));
    QVERIFY(s->trial(waiting->id).state == TrialState::Waiting);
    s->deleteStudy(study.id);
}

// `threads` creators, each with its own connection, race for a budget of `budget`.
inline void checkBudgetAtomic(const StorageFactory& open, const std::string& prefix, int threads,
                              int budget)
{
    auto s = open();
    const auto study = s->createStudy(makeStudy(prefix + "budget"));
    std::atomic<int> created{0};
    std::atomic<int> errors{0};
    std::vector<std::string> messages(threads);
    std::vector<std::thread> pool;
    for (int i = 0; i < threads; ++i)
        pool.emplace_back([&, i] {
            try {
                auto mine = open();
                for (;;) {
                    auto t = mine->createTrial(study.id, makeTrial(TrialState::Running, at(0)),
                                               budget);
                    if (!t)
                        break;
                    ++created;
                    mine->finishTrial(t->id, TrialState::Complete, t->number, "", at(1));
                }
            } catch (const std::exception& e) {
                ++errors;
                messages[i] = e.what();
            }
        });
    for (auto& th : pool)
        th.join();
    for (const auto& m : messages)
        QVERIFY2(m.empty(), m.c_str());
    QCOMPARE(errors.load(), 0);
    QCOMPARE(created.load(), budget);
    auto all = s->trials(study.id);
    QCOMPARE(int(all.size()), budget);
    for (int i = 0; i < budget; ++i) {
        QCOMPARE(all[i].number, i);
        QVERIFY(all[i].state == TrialState::Complete);
    }
    QVERIFY(!s->createTrial(study.id, makeTrial(TrialState::Waiting), budget).has_value());

    // A failed trial marked retried no longer counts: exactly one more fits.
    const auto extra = s->createTrial(study.id, makeTrial(TrialState::Running, at(2)), budget + 1);
    QVERIFY(extra.has_value());
    QVERIFY(s->finishTrial(extra->id, TrialState::Failed, std::nullopt, "crashed", at(3)));
    QVERIFY(!s->createTrial(study.id, makeTrial(TrialState::Waiting), budget + 1).has_value());
    s->setTrialSystemAttr(extra->id, "retried", "true");
    QVERIFY(s->createTrial(study.id, makeTrial(TrialState::Waiting), budget + 1).has_value());
    QVERIFY(!s->createTrial(study.id, makeTrial(TrialState::Waiting), budget + 1).has_value());
    s->deleteStudy(study.id);
}

// `threads` claimers, each with its own connection, race for `waiting` enqueued trials.
inline void checkClaimUnique(const StorageFactory& open, const std::string& prefix, int threads,
                             int waiting)
{
    auto s = open();
    const auto study = s->createStudy(makeStudy(prefix + "claim"));
    std::set<std::int64_t> enqueued;
    for (int i = 0; i < waiting; ++i) {
        FrozenTrial t = makeTrial(TrialState::Waiting);
        t.distributions["x"] = Distribution::makeInt(0, 1000);
        t.params["x"] = i;
        enqueued.insert(s->createTrial(study.id, t)->id);
    }
    std::vector<std::vector<FrozenTrial>> claimed(threads);
    std::vector<std::string> messages(threads);
    std::vector<std::thread> pool;
    for (int i = 0; i < threads; ++i)
        pool.emplace_back([&, i] {
            try {
                auto mine = open();
                while (auto t = mine->claimWaitingTrial(study.id, at(100 + i)))
                    claimed[i].push_back(*t);
            } catch (const std::exception& e) {
                messages[i] = e.what();
            }
        });
    for (auto& th : pool)
        th.join();
    for (const auto& m : messages)
        QVERIFY2(m.empty(), m.c_str());
    std::set<std::int64_t> seen;
    for (int i = 0; i < threads; ++i) {
        int lastNumber = -1;
        for (const FrozenTrial& t : claimed[i]) {
            QVERIFY2(seen.insert(t.id).second, "a trial was claimed twice");
            QVERIFY(t.state == TrialState::Running);
            QVERIFY(t.started == at(100 + i));
            QCOMPARE(t.params.at("x"), double(t.number));  // the claim returns the whole trial
            QVERIFY(t.number > lastNumber);  // oldest first, as each claimer sees it
            lastNumber = t.number;
        }
    }
    QVERIFY(seen == enqueued);
    QVERIFY(!s->claimWaitingTrial(study.id, at(200)).has_value());
    s->deleteStudy(study.id);
}

inline void checkStaleTrials(const StorageFactory& open, const std::string& prefix)
{
    auto s = open();
    const auto study = s->createStudy(makeStudy(prefix + "stale"));
    const auto a = s->createTrial(study.id, makeTrial(TrialState::Running, at(0)));
    const auto b = s->createTrial(study.id, makeTrial(TrialState::Running, at(0)));
    const auto c = s->createTrial(study.id, makeTrial(TrialState::Waiting));
    const auto d = s->createTrial(study.id, makeTrial(TrialState::Running, at(0)));
    QVERIFY(s->finishTrial(d->id, TrialState::Complete, 1.0, "", at(1)));
    s->heartbeat(b->id, at(50));
    const auto grace = std::chrono::seconds(60);

    QVERIFY(s->failStaleTrials(study.id, at(60), grace).empty());  // exactly at the edge: alive
    auto failed = open()->failStaleTrials(study.id, at(61), grace);
    QCOMPARE(int(failed.size()), 1);
    QCOMPARE(failed[0].id, a->id);
    QVERIFY(failed[0].state == TrialState::Failed);
    QVERIFY(failed[0].finished == at(61));
    QVERIFY(QString::fromStdString(failed[0].reason).contains(QStringLiteral("stale")));
    QVERIFY2(trialDiff(failed[0], s->trial(a->id)).isEmpty(), "returned as stored");
    QVERIFY(!s->finishTrial(a->id, TrialState::Complete, 2.0, "", at(62)));  // lost the race

    s->heartbeat(b->id, at(70));
    QVERIFY(s->failStaleTrials(study.id, at(125), grace).empty());
    failed = s->failStaleTrials(study.id, at(131), grace);
    QCOMPARE(int(failed.size()), 1);
    QCOMPARE(failed[0].id, b->id);
    QVERIFY(failed[0].heartbeat == at(70));
    QVERIFY(s->trial(c->id).state == TrialState::Waiting);
    QVERIFY(s->trial(d->id).state == TrialState::Complete);
    QVERIFY(s->failStaleTrials(study.id, at(10000), grace).empty());
    s->deleteStudy(study.id);
}

inline void checkLogs(const StorageFactory& open, const std::string& prefix)
{
    auto s = open();
    const auto study = s->createStudy(makeStudy(prefix + "logs"));
    const auto t = s->createTrial(study.id, makeTrial(TrialState::Running, at(0)));
    QCOMPARE(q(s->trialLog(t->id, "stdout")), QString());
    s->appendTrialLog(t->id, "stdout", "hello ");
    s->appendTrialLog(t->id, "stdout", "world\n");
    s->appendTrialLog(t->id, "stderr", "warning\n");
    QCOMPARE(q(open()->trialLog(t->id, "stdout")), QStringLiteral("hello world\n"));
    QCOMPARE(q(s->trialLog(t->id, "stderr")), QStringLiteral("warning\n"));

    const std::string binary("a\0b\xff\xfe\x80z", 7);  // not UTF-8, with a NUL
    s->appendTrialLog(t->id, "raw", binary);
    QVERIFY(s->trialLog(t->id, "raw") == binary);

    // Past the cap the oldest bytes go; the newest stay.
    const std::size_t cap = StudyStorage::logCap();
    std::string big(cap - 10, 'x');
    for (std::size_t i = 0; i < big.size(); i += 1000)
        big[i] = char('a' + (i / 1000) % 26);
    s->appendTrialLog(t->id, "stdout", big);
    s->appendTrialLog(t->id, "stdout", "THE-END");
    std::string log = open()->trialLog(t->id, "stdout");
    QCOMPARE(log.size(), cap);
    const std::string all = "hello world\n" + big + "THE-END";
    QVERIFY(log == all.substr(all.size() - cap));
    s->appendTrialLog(t->id, "stdout", std::string(cap + 5, 'y') + "!");
    log = s->trialLog(t->id, "stdout");
    QCOMPARE(log.size(), cap);
    QCOMPARE(log.back(), '!');

    QVERIFY(s->finishTrial(t->id, TrialState::Complete, 1.0, "", at(1)));
    s->appendTrialLog(t->id, "stderr", "late line\n");  // the runner drains pipes after the end
    QCOMPARE(q(s->trialLog(t->id, "stderr")), QStringLiteral("warning\nlate line\n"));
    TW_EXPECT_STORAGE_ERROR(s->appendTrialLog(987654321, "stdout", "x"), "no trial");
    s->deleteStudy(study.id);
}

inline void checkArtifacts(const StorageFactory& open, const std::string& prefix)
{
    auto s = open();
    const auto study = s->createStudy(makeStudy(prefix + "artifacts"));
    const auto t = s->createTrial(study.id, makeTrial(TrialState::Running, at(0)));
    std::string model(300000, '\0');
    Random rng(7);
    for (char& ch : model)
        ch = char(rng.next() & 0xff);
    QVERIFY(!s->artifact(t->id, "model").has_value());
    s->putArtifact(t->id, "model", model);
    s->putArtifact(t->id, "confusion", R"({"matrix":[[3,1],[0,4]]})");
    QVERIFY(s->finishTrial(t->id, TrialState::Complete, 0.9, "", at(1)));
    auto r = open();
    QVERIFY(r->artifact(t->id, "model") == model);
    QCOMPARE(q(*r->artifact(t->id, "confusion")), QStringLiteral(R"({"matrix":[[3,1],[0,4]]})"));
    s->putArtifact(t->id, "model", "replaced");
    QCOMPARE(q(*r->artifact(t->id, "model")), QStringLiteral("replaced"));
    s->putArtifact(t->id, "empty", "");
    QVERIFY(r->artifact(t->id, "empty") == std::string());
    s->deleteArtifact(t->id, "model");
    QVERIFY(!r->artifact(t->id, "model").has_value());
    QVERIFY(r->artifact(t->id, "confusion").has_value());
    s->deleteArtifact(t->id, "model");  // already gone: nothing to do
    TW_EXPECT_STORAGE_ERROR(s->putArtifact(987654321, "model", "x"), "no trial");
    TW_EXPECT_STORAGE_ERROR(s->artifact(987654321, "model"), "no trial");
    s->deleteStudy(study.id);
}

inline void checkDeleteCascades(const StorageFactory& open, const std::string& prefix)
{
    auto s = open();
    const auto study = s->createStudy(makeStudy(prefix + "cascade"));
    const auto keep = s->createStudy(makeStudy(prefix + "cascade-keep"));
    FrozenTrial t = makeTrial(TrialState::Running, at(0));
    t.distributions["x"] = Distribution::makeFloat(0, 1);
    t.params["x"] = 0.5;
    t.userAttrs["u"] = "1";
    const auto a = s->createTrial(study.id, t);
    s->reportIntermediate(a->id, 0, 1.0);
    s->appendTrialLog(a->id, "stdout", "log");
    s->putArtifact(a->id, "model", "bytes");
    s->setStudyUserAttr(study.id, "k", "1");
    const auto kept = s->createTrial(keep.id, t);
    s->renameStudy(study.id, prefix + "cascade-renamed");
    QCOMPARE(int(s->trials(study.id).size()), 1);  // renaming keeps the trials
    s->deleteStudy(study.id);
    auto r = open();
    QVERIFY(!r->findStudy(prefix + "cascade-renamed").has_value());
    TW_EXPECT_STORAGE_ERROR(r->trial(a->id), "no trial");
    TW_EXPECT_STORAGE_ERROR(r->trialLog(a->id, "stdout"), "no trial");
    TW_EXPECT_STORAGE_ERROR(r->artifact(a->id, "model"), "no trial");
    QVERIFY2(trialDiff(r->trial(kept->id), *kept).isEmpty(), "the other study is untouched");
    // A study made again under the old name starts from scratch.
    const auto again = s->createStudy(makeStudy(prefix + "cascade"));
    const auto fresh = s->createTrial(again.id, makeTrial(TrialState::Waiting));
    QCOMPARE(fresh->number, 0);
    QVERIFY(fresh->id != a->id);
    QCOMPARE(int(s->trials(again.id).size()), 1);
    s->deleteStudy(again.id);
    s->deleteStudy(keep.id);
}

inline void checkTrialsChangedSince(const StorageFactory& open, const std::string& prefix)
{
    auto s = open();
    const auto study = s->createStudy(makeStudy(prefix + "changes"));
    const auto other = s->createStudy(makeStudy(prefix + "changes-other"));
    const auto a = s->createTrial(study.id, makeTrial(TrialState::Running, at(0)));
    const auto b = s->createTrial(study.id, makeTrial(TrialState::Running, at(0)));
    const auto c = s->createTrial(study.id, makeTrial(TrialState::Waiting));
    auto r = open();
    std::int64_t v1 = -1;
    auto changed = r->trialsChangedSince(study.id, 0, &v1);
    QCOMPARE(int(changed.size()), 3);
    QCOMPARE(changed[0].id, a->id);
    QCOMPARE(changed[2].id, c->id);
    QVERIFY(v1 > 0);

    std::int64_t v2 = -1;
    QVERIFY(r->trialsChangedSince(study.id, v1, &v2).empty());
    QCOMPARE(v2, v1);

    s->reportIntermediate(b->id, 3, 0.25);
    std::int64_t v3 = -1;
    changed = r->trialsChangedSince(study.id, v1, &v3);
    QCOMPARE(int(changed.size()), 1);
    QCOMPARE(changed[0].id, b->id);
    QCOMPARE(changed[0].intermediate.at(3), 0.25);
    QVERIFY(v3 > v1);

    // Changes of another study move the counter but list nothing here.
    s->createTrial(other.id, makeTrial(TrialState::Waiting));
    std::int64_t v4 = -1;
    QVERIFY(r->trialsChangedSince(study.id, v3, &v4).empty());
    QVERIFY(v4 > v3);

    // Every kind of change shows up: finish, heartbeat, claim, attrs, stale failure.
    QVERIFY(s->finishTrial(a->id, TrialState::Complete, 1.0, "", at(5)));
    s->heartbeat(b->id, at(6));
    std::int64_t v5 = -1;
    changed = r->trialsChangedSince(study.id, v4, &v5);
    QCOMPARE(int(changed.size()), 2);
    QCOMPARE(changed[0].id, a->id);
    QVERIFY(changed[0].state == TrialState::Complete);
    QCOMPARE(changed[1].id, b->id);
    QVERIFY(changed[1].heartbeat == at(6));
    QVERIFY(s->claimWaitingTrial(study.id, at(7)).has_value());
    std::int64_t v6 = -1;
    changed = r->trialsChangedSince(study.id, v5, &v6);
    QCOMPARE(int(changed.size()), 1);
    QCOMPARE(changed[0].id, c->id);
    s->setTrialUserAttr(a->id, "note", R"("x")");
    std::int64_t v7 = -1;
    changed = r->trialsChangedSince(study.id, v6, &v7);
    QCOMPARE(int(changed.size()), 1);
    QCOMPARE(q(changed[0].userAttrs.at("note")), QStringLiteral(R"("x")"));
    QCOMPARE(int(s->failStaleTrials(study.id, at(1000), std::chrono::seconds(60)).size()), 2);
    std::int64_t v8 = -1;
    QCOMPARE(int(r->trialsChangedSince(study.id, v7, &v8).size()), 2);
    QVERIFY(v8 > v7);
    r->trialsChangedSince(study.id, v8, nullptr);  // the out-parameter is optional
    s->deleteStudy(study.id);
    s->deleteStudy(other.id);
}

// One instance shared by several threads: the per-instance mutex serializes them.
inline void checkSharedInstance(const StorageFactory& open, const std::string& prefix)
{
    auto s = open();
    const auto study = s->createStudy(makeStudy(prefix + "shared"));
    std::vector<std::string> messages(4);
    std::vector<std::thread> pool;
    for (int i = 0; i < 4; ++i)
        pool.emplace_back([&, i] {
            try {
                for (int k = 0; k < 10; ++k) {
                    auto t = s->createTrial(study.id, makeTrial(TrialState::Running, at(0)), 30);
                    if (!t)
                        return;
                    s->reportIntermediate(t->id, 0, k);
                    s->finishTrial(t->id, TrialState::Complete, k, "", at(1));
                }
            } catch (const std::exception& e) {
                messages[i] = e.what();
            }
        });
    for (auto& th : pool)
        th.join();
    for (const auto& m : messages)
        QVERIFY2(m.empty(), m.c_str());
    const auto all = s->trials(study.id);
    QCOMPARE(int(all.size()), 30);
    for (const auto& t : all)
        QVERIFY(t.state == TrialState::Complete && t.intermediate.size() == 1);
    s->deleteStudy(study.id);
}

} // namespace tw::test
