#pragma once
// The Pruner contract (docs/architecture.md, "Seams"), run against every pruner through a
// real Study over a real storage. A pruner's test does:
//
//     void contract_data() { tw::test::PrunerContract::addRows(); }
//     void contract() { tw::test::PrunerContract::run([] { return std::make_unique<tw::MyPruner>(); }); }
//
// Checks (#18): a trial without intermediate values is never pruned; the same history
// gives the same verdicts on every run (deterministic); a fresh pruner for every decision
// decides as one kept for the whole study (stateless given the storage); a study stopped
// half-way and resumed from its SQLite file by a new process's objects prunes exactly as
// an uninterrupted one (resumable after a restart); a maximized study of negated curves
// prunes as the minimized one (direction-aware); and it prunes something on curves that
// differ (unless it is a pruner that never prunes).
#include "pruners/Pruner.h"
#include "samplers/RandomSampler.h"
#include "storage/SqliteStorage.h"
#include "storage/StorageAccess.h"
#include "study/InMemoryStorage.h"
#include "study/Study.h"
#include "support/StudyFixture.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace tw::test {

using PrunerFactory = std::function<std::unique_ptr<tw::Pruner>()>;

struct PrunerContractOptions {
    bool prunes = true; // false for the pruner that never prunes
};

class PrunerContract {
public:
    using Options = PrunerContractOptions;
    using Check = void (*)(const PrunerFactory&, const Options&);

    static constexpr int kTrials = 40;
    static constexpr int kSteps = 27;

    static void addRows()
    {
        QTest::addColumn<QString>("check");
        for (const auto& [name, fn] : checks())
            QTest::newRow(name) << QString::fromLatin1(name);
    }

    static void run(const PrunerFactory& make, Options options = Options())
    {
        QFETCH(QString, check);
        for (const auto& [name, fn] : checks())
            if (check == QLatin1String(name))
                return fn(make, options);
        QFAIL("unknown pruner contract check");
    }

    static std::vector<std::pair<const char*, Check>> checks()
    {
        return {
            {"noValuesNoPrune", &noValuesNoPrune},
            {"deterministic", &deterministic},
            {"statelessGivenStorage", &statelessGivenStorage},
            {"resumableAfterRestart", &resumableAfterRestart},
            {"directionAware", &directionAware},
            {"prunesDifferingCurves", &prunesDifferingCurves},
        };
    }

    // A trial's fate: how many steps it reported, and whether it was pruned.
    struct Outcome {
        int number;
        int steps;
        bool pruned;
        bool operator==(const Outcome&) const = default;
    };

    // Learning curves that differ by trial: q(n) + 2 / step, q spread over [0, 1) by the
    // golden ratio so good and bad trials interleave. Negated for a maximized study.
    static double curve(int number, int step, tw::StudyDirection direction)
    {
        const double q = std::fmod(number * 0.6180339887498949, 1.0);
        const double v = q + 2.0 / step;
        return direction == tw::StudyDirection::Minimize ? v : -v;
    }

    // Runs trials until the study holds `budget` trials, each reporting its curve and
    // asking the pruner after every report.
    static std::vector<Outcome> runTrials(tw::StudyStorage& storage, const tw::StudyRecord& record,
                                          std::shared_ptr<const tw::Pruner> pruner, int budget = kTrials)
    {
        tw::StudyOptions o;
        o.maxTrials = budget;
        o.flushInterval = std::chrono::milliseconds(0);
        const tw::SearchSpace space({{"x", tw::Distribution::makeFloat(0, 1), std::nullopt}});
        tw::Study study(storage, record, space, std::make_shared<tw::RandomSampler>(7), std::move(pruner), o);
        std::vector<Outcome> out;
        while (const auto t = study.ask()) {
            Outcome oc{t->number, 0, false};
            for (int step = 1; step <= kSteps; ++step) {
                const double v = curve(t->number, step, record.direction);
                study.report(*t, step, v);
                oc.steps = step;
                if (study.shouldPrune(*t)) {
                    oc.pruned = true;
                    study.tell(*t, tw::TrialState::Pruned, v);
                    break;
                }
            }
            if (!oc.pruned)
                study.tell(*t, curve(t->number, kSteps, record.direction));
            out.push_back(oc);
        }
        return out;
    }

    static tw::StudyRecord newStudy(tw::StudyStorage& storage, tw::StudyDirection direction)
    {
        tw::StudyRecord rec;
        rec.name = "pruner-contract";
        rec.direction = direction;
        return storage.createStudy(rec);
    }

    static std::vector<Outcome> inMemory(std::shared_ptr<const tw::Pruner> pruner,
                                         tw::StudyDirection direction = tw::StudyDirection::Minimize)
    {
        tw::InMemoryStorage storage;
        const tw::StudyRecord rec = newStudy(storage, direction);
        return runTrials(storage, rec, std::move(pruner));
    }

    static QString describe(const std::vector<Outcome>& outcomes)
    {
        QString s;
        for (const Outcome& o : outcomes)
            s += QStringLiteral("%1:%2%3 ").arg(o.number).arg(o.steps).arg(o.pruned ? "p" : "");
        return s;
    }

    static void compare(const std::vector<Outcome>& got, const std::vector<Outcome>& want)
    {
        QVERIFY2(got == want, qPrintable(QStringLiteral("got %1\nwant %2").arg(describe(got), describe(want))));
    }

    // --- checks ----------------------------------------------------------------------
    static void noValuesNoPrune(const PrunerFactory& make, const Options&)
    {
        const auto pruner = make();
        StudyFixture f;
        for (int n = 0; n < 10; ++n) {
            std::map<std::int64_t, double> values;
            for (int step = 1; step <= kSteps; ++step)
                values[step] = curve(n, step, tw::StudyDirection::Minimize);
            f.add(values);
        }
        const auto running = f.add({}, tw::TrialState::Running);
        const auto view = f.view();
        QVERIFY(!pruner->shouldPrune(*view, *view->byNumber(running.number)));
    }

    static void deterministic(const PrunerFactory& make, const Options&)
    {
        const auto once = inMemory(make());
        QCOMPARE(int(once.size()), kTrials);
        compare(inMemory(make()), once);
    }

    // Every decision by a pruner made for it alone.
    class FreshEachCall : public tw::Pruner {
    public:
        explicit FreshEachCall(PrunerFactory make) : m_make(std::move(make)) {}
        bool shouldPrune(const tw::StudyView& study, const tw::FrozenTrial& trial) const override
        {
            return m_make()->shouldPrune(study, trial);
        }

    private:
        PrunerFactory m_make;
    };

    static void statelessGivenStorage(const PrunerFactory& make, const Options&)
    {
        compare(inMemory(std::make_shared<FreshEachCall>(make)), inMemory(make()));
    }

    static void resumableAfterRestart(const PrunerFactory& make, const Options&)
    {
        const auto uninterrupted = inMemory(make());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("resume.twx"));
        std::vector<Outcome> resumed;
        {
            // Half the budget, then the storage, the study and the pruner are gone.
            tw::SqliteStorage storage(path);
            const tw::StudyRecord rec = newStudy(storage, tw::StudyDirection::Minimize);
            resumed = runTrials(storage, rec, make(), kTrials / 2);
        }
        // A new process: the file opened again, new objects, the rest of the budget.
        tw::SqliteStorage storage(path, tw::StorageAccess::Existing);
        const auto rec = storage.findStudy("pruner-contract");
        QVERIFY(rec);
        const auto rest = runTrials(storage, *rec, make());
        resumed.insert(resumed.end(), rest.begin(), rest.end());
        compare(resumed, uninterrupted);
    }

    static void directionAware(const PrunerFactory& make, const Options&)
    {
        compare(inMemory(make(), tw::StudyDirection::Maximize), inMemory(make()));
    }

    static void prunesDifferingCurves(const PrunerFactory& make, const Options& options)
    {
        const auto outcomes = inMemory(make());
        int pruned = 0, complete = 0;
        for (const Outcome& o : outcomes)
            (o.pruned ? pruned : complete) += 1;
        if (!options.prunes) {
            QCOMPARE(pruned, 0);
            return;
        }
        QVERIFY2(pruned > 0, qPrintable(describe(outcomes)));
        QVERIFY2(complete > 0, qPrintable(describe(outcomes)));
        // A pruned trial stopped at a step it reported, before the last.
        for (const Outcome& o : outcomes)
            if (o.pruned)
                QVERIFY(o.steps >= 1 && o.steps <= kSteps);
    }
};

} // namespace tw::test
