#include "pruners/MedianPruner.h"
#include "pruners/NopPruner.h"
#include "pruners/PercentilePruner.h"
#include "support/StudyFixture.h"

#include <QtTest>

#include <cmath>
#include <limits>

using tw::test::StudyFixture;

class tst_PercentilePruner : public QObject {
    Q_OBJECT
private slots:
    void nanPercentileMatchesNumpy()
    {
        // numpy.nanpercentile([1, 2, 3, 4], q) = 2.5 (q=50), 1.75 (q=25), 3.25 (q=75).
        QCOMPARE(tw::PercentilePruner::nanPercentile({4, 1, 3, 2}, 50), 2.5);
        QCOMPARE(tw::PercentilePruner::nanPercentile({4, 1, 3, 2}, 25), 1.75);
        QCOMPARE(tw::PercentilePruner::nanPercentile({4, 1, 3, 2}, 75), 3.25);
        const double nan = std::numeric_limits<double>::quiet_NaN();
        QCOMPARE(tw::PercentilePruner::nanPercentile({nan, 7, 1}, 50), 4.0);
        QVERIFY(std::isnan(tw::PercentilePruner::nanPercentile({nan}, 50)));
        QCOMPARE(tw::PercentilePruner::nanPercentile({5}, 90), 5.0);
    }

    // Completed trials report 1, 2, 3, 4 at step 1: the median is 2.5.
    void medianHandWorked()
    {
        StudyFixture f;
        for (double v : {1.0, 2.0, 3.0, 4.0})
            f.add({{0, 10.0}, {1, v}});
        f.add({{1, 0.1}}, tw::TrialState::Pruned);  // only Complete trials are the reference
        const auto worse = f.add({{0, 5.0}, {1, 2.6}}, tw::TrialState::Running);
        const auto better = f.add({{0, 5.0}, {1, 2.4}}, tw::TrialState::Running);
        const auto early = f.add({{0, 50.0}}, tw::TrialState::Running);
        const auto none = f.add({}, tw::TrialState::Running);
        auto view = f.view();
        tw::MedianPruner median(4);
        QVERIFY(median.shouldPrune(*view, *view->byNumber(worse.number)));
        QVERIFY(!median.shouldPrune(*view, *view->byNumber(better.number)));
        // Step 0: completed values 10, 10, 10, 10; 50 > 10.
        QVERIFY(median.shouldPrune(*view, *view->byNumber(early.number)));
        QVERIFY(!median.shouldPrune(*view, *view->byNumber(none.number)));
        // Startup: five completed trials needed, four exist.
        QVERIFY(!tw::MedianPruner(5).shouldPrune(*view, *view->byNumber(worse.number)));
        // Warm-up: step 1 < 2.
        QVERIFY(!tw::MedianPruner(4, 2).shouldPrune(*view, *view->byNumber(worse.number)));
        // n_min_trials: 4 values at step 1, five required.
        QVERIFY(!tw::MedianPruner(4, 0, 1, 5).shouldPrune(*view, *view->byNumber(worse.number)));
        QVERIFY(!tw::NopPruner().shouldPrune(*view, *view->byNumber(worse.number)));
    }

    // The best value so far counts, not the last one.
    void bestSoFarIsJudged()
    {
        StudyFixture f;
        for (double v : {1.0, 2.0, 3.0})
            f.add({{0, v}, {1, v}});
        const auto t = f.add({{0, 1.5}, {1, 9.0}}, tw::TrialState::Running);  // best 1.5 <= 2
        auto view = f.view();
        QVERIFY(!tw::MedianPruner(1).shouldPrune(*view, *view->byNumber(t.number)));
        const auto nanOnly = f.add({{0, std::nan("")}}, tw::TrialState::Running);
        view = f.view();
        QVERIFY(tw::MedianPruner(1).shouldPrune(*view, *view->byNumber(nanOnly.number)));
    }

    // Interval 2 after warm-up 1: decisions at the first report at or past steps 1, 3, 5...
    void intervalSteps()
    {
        StudyFixture f;
        for (double v : {1.0, 2.0, 3.0})
            f.add({{1, v}, {2, v}, {3, v}, {4, v}});
        tw::MedianPruner p(1, 1, 2);
        const auto at2 = f.add({{1, 9.0}, {2, 9.0}}, tw::TrialState::Running);
        const auto at3 = f.add({{1, 9.0}, {2, 9.0}, {3, 9.0}}, tw::TrialState::Running);
        const auto jump = f.add({{0, 9.0}, {4, 9.0}}, tw::TrialState::Running);  // skipped step 3
        auto view = f.view();
        QVERIFY(!p.shouldPrune(*view, *view->byNumber(at2.number)));
        QVERIFY(p.shouldPrune(*view, *view->byNumber(at3.number)));
        QVERIFY(p.shouldPrune(*view, *view->byNumber(jump.number)));
    }

    // Maximize: percentile 25 keeps the top quarter; its threshold is the 75th, 3.25.
    void percentileMaximize()
    {
        StudyFixture f(tw::StudyDirection::Maximize);
        for (double v : {1.0, 2.0, 3.0, 4.0})
            f.add({{1, v}});
        const auto a = f.add({{1, 3.0}}, tw::TrialState::Running);
        const auto b = f.add({{1, 3.5}}, tw::TrialState::Running);
        auto view = f.view();
        tw::PercentilePruner p(25.0, 1);
        QVERIFY(p.shouldPrune(*view, *view->byNumber(a.number)));
        QVERIFY(!p.shouldPrune(*view, *view->byNumber(b.number)));
        // Median for maximize: 2.5; 3.0 survives.
        QVERIFY(!tw::MedianPruner(1).shouldPrune(*view, *view->byNumber(a.number)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tw::PercentilePruner(101.0));
    }
};

QTEST_GUILESS_MAIN(tst_PercentilePruner)
#include "tst_percentilepruner.moc"
