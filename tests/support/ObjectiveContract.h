#pragma once
// The objective contract (docs/architecture.md, "Seams"): what every objective a spec can
// name (function, command, train) must do, checked through the real parts: the spec parsed
// by StudySpecParser, the study opened by StudySession, the objective made by
// TrialObjectives and called as StudyOptimizer calls it, with a TrialContext. A test does:
//
//     void contract_data() { tw::test::ObjectiveContract::addRows(); }
//     void contract() { tw::test::ObjectiveContract::run(subject); }
//
// Checks (#18): a trial completes with a finite value and its reports reach the study
// (steps ascending, finite), or it reports nothing when the objective has no steps; the
// same params give the same value; a trial the pruner stops returns Pruned before its last
// step; a stop requested returns at once as Failed "cancelled" (an objective without steps
// may finish instead); an error found while a trial runs is a Failed outcome whose reason
// says what, never an exception.
#include "StudySession.h"
#include "TrialObjectives.h"
#include "spec/StudySpecParser.h"
#include "study/InMemoryStorage.h"
#include "study/TrialContext.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>
#include <functional>
#include <memory>
#include <stop_token>
#include <vector>

namespace tw::test {

struct ObjectiveSubject {
    QJsonObject objective;       // an objective whose trials complete
    QJsonObject searchSpace;
    QString metric;              // empty: the objective's default
    QString direction = QStringLiteral("minimize");
    bool reportsSteps = true;
    // The same objective with an error that only running a trial finds (a missing file, a
    // crashing script), and a word its reason must hold. Empty: no such error can arise.
    QJsonObject broken;
    QString brokenReasonHolds;
};

class ObjectiveContract {
public:
    using Check = void (*)(const ObjectiveSubject&);

    static void addRows()
    {
        QTest::addColumn<QString>("check");
        for (const auto& [name, fn] : checks())
            QTest::newRow(name) << QString::fromLatin1(name);
    }

    static void run(const ObjectiveSubject& subject)
    {
        QFETCH(QString, check);
        for (const auto& [name, fn] : checks())
            if (check == QLatin1String(name))
                return fn(subject);
        QFAIL("unknown objective contract check");
    }

    static std::vector<std::pair<const char*, Check>> checks()
    {
        return {
            {"completesAndReports", &completesAndReports},
            {"sameParamsSameValue", &sameParamsSameValue},
            {"honoursPruning", &honoursPruning},
            {"honoursStop", &honoursStop},
            {"errorsAsMessages", &errorsAsMessages},
        };
    }

    // One study of the subject in memory, its objective, and trials run one at a time.
    struct Harness {
        InMemoryStorage storage;
        std::unique_ptr<StudySession> session;
        StudyOptimizer::Objective objective;

        Harness(const ObjectiveSubject& s, const QJsonObject& objectiveJson, const QJsonObject& pruner = {})
        {
            QJsonObject spec{{"name", "objective-contract"},
                             {"direction", s.direction},
                             {"objective", objectiveJson},
                             {"search_space", s.searchSpace},
                             {"sampler", QJsonObject{{"type", "random"}, {"seed", 1}}},
                             {"budget", QJsonObject{{"trials", 20}}}};
            if (!s.metric.isEmpty())
                spec.insert("metric", s.metric);
            if (!pruner.isEmpty())
                spec.insert("pruner", pruner);
            auto parsed = StudySpecParser::parseBytes(QJsonDocument(spec).toJson(), "contract.json");
            if (!parsed.ok())
                qFatal("ObjectiveContract: %s", qPrintable(parsed.error()));
            session = StudySession::createOrResume(storage, parsed.value());
            objective = TrialObjectives::make(parsed.value(), QStringLiteral("objective-contract"), {});
        }

        Study& study() { return session->study(); }

        // Runs the next trial (asked, or an enqueued one) as StudyOptimizer does; a stop
        // requested before the objective starts when `stopFirst`. Tells the outcome.
        std::pair<TrialOutcome, FrozenTrial> runTrial(bool stopFirst = false)
        {
            const auto trial = study().ask();
            if (!trial)
                qFatal("ObjectiveContract: no trial to run");
            std::stop_source stop;
            if (stopFirst)
                stop.request_stop();
            TrialContext context(study(), *trial, stop.get_token());
            TrialOutcome outcome;
            try {
                outcome = objective(context);
            } catch (const std::exception& e) {
                outcome = TrialOutcome::failed(std::string("threw: ") + e.what());
                outcome.reason = "EXCEPTION " + outcome.reason;
            }
            if (outcome.state == TrialState::Complete && outcome.value)
                study().tell(*trial, *outcome.value);
            else
                study().tell(*trial, outcome.state == TrialState::Running ? TrialState::Failed : outcome.state,
                             std::nullopt, outcome.reason);
            return {outcome, study().storage().trial(trial->id)};
        }
    };

    static QString reasonOf(const TrialOutcome& o) { return QString::fromStdString(o.reason); }

    // --- checks ----------------------------------------------------------------------
    static void completesAndReports(const ObjectiveSubject& s)
    {
        Harness h(s, s.objective);
        const auto [outcome, stored] = h.runTrial();
        QVERIFY2(outcome.state == TrialState::Complete, qPrintable(reasonOf(outcome)));
        QVERIFY(outcome.value && std::isfinite(*outcome.value));
        QVERIFY(stored.state == TrialState::Complete);
        QCOMPARE(*stored.value, *outcome.value);
        if (!s.reportsSteps) {
            QVERIFY(stored.intermediate.empty());
            return;
        }
        QVERIFY(stored.intermediate.size() >= 2);
        std::int64_t last = -1;
        for (const auto& [step, v] : stored.intermediate) {
            QVERIFY(step > last);
            QVERIFY(std::isfinite(v));
            last = step;
        }
    }

    static void sameParamsSameValue(const ObjectiveSubject& s)
    {
        Harness h(s, s.objective);
        const auto [first, stored] = h.runTrial();
        QVERIFY2(first.state == TrialState::Complete, qPrintable(reasonOf(first)));
        QVERIFY(h.study().enqueue(stored.params));
        const auto [again, storedAgain] = h.runTrial();
        QCOMPARE(storedAgain.params, stored.params);
        QVERIFY2(again.state == TrialState::Complete, qPrintable(reasonOf(again)));
        QCOMPARE(*again.value, *first.value);
        QCOMPARE(storedAgain.intermediate, stored.intermediate);
    }

    static void honoursPruning(const ObjectiveSubject& s)
    {
        if (!s.reportsSteps)
            QSKIP("the objective reports no steps: there is nothing to prune");
        // Steps a full trial reports.
        Harness full(s, s.objective);
        const std::size_t steps = full.runTrial().second.intermediate.size();
        // A median pruner against one finished trial far better at every step: the next
        // trial is pruned at its first report, and must stop.
        Harness h(s, s.objective,
                  QJsonObject{{"type", "median"}, {"n_startup_trials", 1}, {"n_warmup_steps", 0}});
        const double better = s.direction == QLatin1String("maximize") ? 1e9 : -1e9;
        FrozenTrial seeded;
        seeded.state = TrialState::Running;
        const auto made = h.storage.createTrial(h.study().id(), seeded);
        for (std::int64_t step = 0; step <= 1000; ++step)
            h.storage.reportIntermediate(made->id, step, better);
        h.storage.finishTrial(made->id, TrialState::Complete, better, "", Clock::now());
        const auto [outcome, stored] = h.runTrial();
        QVERIFY2(outcome.state == TrialState::Pruned, qPrintable(reasonOf(outcome)));
        QVERIFY(stored.state == TrialState::Pruned);
        QVERIFY(!stored.intermediate.empty());
        QVERIFY2(stored.intermediate.size() < steps,
                 qPrintable(QStringLiteral("%1 of %2 steps").arg(stored.intermediate.size()).arg(steps)));
    }

    static void honoursStop(const ObjectiveSubject& s)
    {
        Harness h(s, s.objective);
        const auto [outcome, stored] = h.runTrial(true);
        if (!s.reportsSteps && outcome.state == TrialState::Complete)
            return; // nothing to stop: it finished
        QVERIFY2(outcome.state == TrialState::Failed, qPrintable(reasonOf(outcome)));
        QCOMPARE(reasonOf(outcome), QStringLiteral("cancelled"));
        QVERIFY(stored.intermediate.size() <= 1);
    }

    static void errorsAsMessages(const ObjectiveSubject& s)
    {
        if (s.broken.isEmpty())
            QSKIP("no error can arise once the spec parsed");
        Harness h(s, s.broken);
        const auto [outcome, stored] = h.runTrial();
        QVERIFY2(outcome.state == TrialState::Failed, qPrintable(reasonOf(outcome)));
        QVERIFY2(!reasonOf(outcome).startsWith("EXCEPTION"), qPrintable(reasonOf(outcome)));
        QVERIFY2(reasonOf(outcome).contains(s.brokenReasonHolds), qPrintable(reasonOf(outcome)));
        QVERIFY(stored.state == TrialState::Failed);
    }
};

} // namespace tw::test
