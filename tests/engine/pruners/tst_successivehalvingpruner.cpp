#include "pruners/SuccessiveHalvingPruner.h"
#include "support/StudyFixture.h"

#include <QtTest>

#include <cmath>

using tw::TrialState;
using tw::test::StudyFixture;

class tst_SuccessiveHalvingPruner : public QObject {
    Q_OBJECT
private:
    // Rungs at steps 1, 2, 4, 8 (min_resource 1, reduction factor 2), minimizing:
    //   T0 complete {1: .5, 2: .4, 4: .3}     rungs 0, 1, 2
    //   T1 complete {1: .9, 2: .8, 4: .7}     rungs 0, 1, 2
    //   T2 pruned   {1: .6, 2: .95}           rungs 0, 1 (stopped at rung 1)
    //   T3 pruned   {4: 1.5}                  jumped to step 4 and was stopped there at rung 0
    static void history(StudyFixture& f)
    {
        f.add({{1, .5}, {2, .4}, {4, .3}});
        f.add({{1, .9}, {2, .8}, {4, .7}});
        f.add({{1, .6}, {2, .95}}, TrialState::Pruned);
        f.add({{4, 1.5}}, TrialState::Pruned);
    }

    static bool decide(const tw::SuccessiveHalvingPruner& p, StudyFixture& f,
                       const std::map<std::int64_t, double>& values)
    {
        const auto t = f.add(values, TrialState::Running);
        auto view = f.view();
        return p.shouldPrune(*view, *view->byNumber(t.number));
    }

private slots:
    void rungSteps()
    {
        tw::SuccessiveHalvingPruner p(1, 2);
        QCOMPARE(p.rungStep(0), 1LL);
        QCOMPARE(p.rungStep(3), 8LL);
        tw::SuccessiveHalvingPruner q(5, 3, 1);
        QCOMPARE(q.rungStep(0), 15LL);
        QCOMPARE(q.rungStep(1), 45LL);
    }

    void rungValuesFromStoredValues()
    {
        StudyFixture f;
        history(f);
        tw::SuccessiveHalvingPruner p(1, 2);
        const auto all = f.storage.trials(f.record.id);
        QCOMPARE(p.rungValue(all[0], 2).value(), .3);
        QVERIFY(!p.rungValue(all[0], 3));
        QCOMPARE(p.rungValue(all[2], 1).value(), .95);
        QVERIFY(!p.rungValue(all[2], 2));
        QCOMPARE(p.rungValue(all[3], 0).value(), 1.5);
        QVERIFY(!p.rungValue(all[3], 1));  // pruned at rung 0 by its only report
        QVERIFY(!p.rungValue(all[3], 2));
    }

    void handWorkedDecisions()
    {
        tw::SuccessiveHalvingPruner p(1, 2);
        {
            // Rung 0: [.5 .6 .7 .9 1.5], keep the top 5/2 = 2: .7 > .6, pruned.
            StudyFixture f;
            history(f);
            QVERIFY(decide(p, f, {{1, .7}}));
        }
        {
            // .55 is second best of [.5 .55 .6 .9 1.5]: promoted.
            StudyFixture f;
            history(f);
            QVERIFY(!decide(p, f, {{1, .55}}));
        }
        {
            // Rung 1 (step 2): [.4 .8 .85 .95] keeps 2: .85 pruned; .8 promoted.
            StudyFixture f;
            history(f);
            QVERIFY(decide(p, f, {{1, .55}, {2, .85}}));
        }
        {
            StudyFixture f;
            history(f);
            QVERIFY(!decide(p, f, {{1, .55}, {2, .8}}));
        }
        {
            // Rung 2 (step 4): T3 does not stand there. [.3 .7 .7] keeps 1: pruned. Were T3
            // counted, [.3 .7 .7 1.5] would keep 2 and promote it.
            StudyFixture f;
            history(f);
            QVERIFY(decide(p, f, {{1, .55}, {2, .8}, {4, .7}}));
        }
        {
            // Step 3 reaches rung 1 first (its step is 2): judged there with 2.0, pruned.
            StudyFixture f;
            history(f);
            QVERIFY(decide(p, f, {{1, .55}, {3, 2.0}}));
        }
        {
            // Between rungs nothing is decided, however bad the value.
            StudyFixture f;
            history(f);
            QVERIFY(!decide(p, f, {{1, .55}, {2, .8}, {3, 50.0}}));
        }
        {
            // NaN at a rung prunes.
            StudyFixture f;
            history(f);
            QVERIFY(decide(p, f, {{1, std::nan("")}}));
        }
    }

    void firstTrialInARungGoesOn()
    {
        StudyFixture f;
        QVERIFY(!decide(tw::SuccessiveHalvingPruner(1, 2), f, {{1, 100.0}}));
        StudyFixture g;
        QVERIFY(decide(tw::SuccessiveHalvingPruner(1, 2, 0, 2), g, {{1, 1.0}}));  // bootstrap
    }

    void minEarlyStoppingRateShiftsRungs()
    {
        StudyFixture f;
        history(f);
        tw::SuccessiveHalvingPruner p(1, 2, 1);  // rungs at 2, 4, 8
        QVERIFY(!decide(p, f, {{1, 100.0}}));
    }

    void maximize()
    {
        StudyFixture f(tw::StudyDirection::Maximize);
        for (double v : {.5, .9, .6, 1.5})
            f.add({{1, v}});
        tw::SuccessiveHalvingPruner p(1, 2);
        // [.5 .6 .7 .9 1.5] keeps the top 2 (.9 and 1.5).
        QVERIFY(decide(p, f, {{1, .7}}));
        StudyFixture g(tw::StudyDirection::Maximize);
        for (double v : {.5, .9, .6, 1.5})
            g.add({{1, v}});
        QVERIFY(!decide(p, g, {{1, .9}}));
    }

    // A resumed study (fresh process: new pruner, new snapshot) decides the same.
    void stateless()
    {
        StudyFixture f;
        history(f);
        const auto t = f.add({{1, .55}, {2, .85}}, TrialState::Running);
        auto v1 = f.view();
        auto v2 = f.view();
        QCOMPARE(tw::SuccessiveHalvingPruner(1, 2).shouldPrune(*v1, *v1->byNumber(t.number)),
                 tw::SuccessiveHalvingPruner(1, 2).shouldPrune(*v2, *v2->byNumber(t.number)));
    }
};

QTEST_GUILESS_MAIN(tst_SuccessiveHalvingPruner)
#include "tst_successivehalvingpruner.moc"
