#include "analysis/AnalysisView.h"
#include "analysis/ContourPlot.h"
#include "analysis/EdfPlot.h"
#include "analysis/ImportancePlot.h"
#include "analysis/IntermediatePlot.h"
#include "analysis/ParallelPlot.h"
#include "analysis/SlicePlot.h"
#include "analysis/TimelinePlot.h"
#include "leaderboard/LeaderboardModel.h"
#include "leaderboard/LeaderboardProxy.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTabWidget>
#include <QtTest>

#include <cmath>

using namespace tw;
using namespace tw::widgets;

namespace {

// n complete trials from `from` on: value 10 a + b, each with 3 reported steps.
std::vector<FrozenTrial> study(int n, int from = 0)
{
    std::vector<FrozenTrial> out;
    const auto x = Distribution::makeFloat(0, 1);
    for (int i = from; i < from + n; ++i) {
        FrozenTrial t;
        t.number = i;
        t.id = i + 1;
        t.state = TrialState::Complete;
        const double a = std::fmod(i * 0.618034, 1.0), b = std::fmod(i * 0.754878, 1.0);
        t.params = {{"a", a}, {"b", b}};
        t.distributions = {{"a", x}, {"b", x}};
        t.value = 10 * a + b;
        for (int s = 0; s < 3; ++s)
            t.intermediate[s] = *t.value + 1.0 / (s + 1);
        t.started = TimePoint{} + std::chrono::seconds(i);
        t.finished = *t.started + std::chrono::milliseconds(500);
        out.push_back(t);
    }
    return out;
}

} // namespace

class tst_AnalysisView : public QObject {
    Q_OBJECT
private slots:
    void viewsInOrder()
    {
        AnalysisView view;
        QStringList names;
        for (int i = 0; i < view.views()->count(); ++i)
            names << view.views()->tabText(i);
        QCOMPARE(names, (QStringList{"Importance", "Slice", "Parallel coordinates", "Contour", "Distribution",
                                     "Timeline", "Intermediate values"}));
        QCOMPARE(AnalysisView::viewNames().size(), view.views()->count());
    }

    // Changes are batched: nothing is drawn until the timer (refreshInterval) fires; then the
    // view on show is drawn, and each other one when it is shown. Importance comes from its
    // thread.
    void batchesUpdatesAndDrawsEachViewWhenShown()
    {
        AnalysisView view;
        view.resize(900, 600);
        view.show();  // a hidden view draws nothing until shown
        view.setStudy("loss", StudyDirection::Minimize);
        view.showView("slice");
        view.updateTrials(study(20));
        view.updateTrials(study(20, 20));
        QCOMPARE(view.slicePlot()->pointCount(), 0);  // not yet: batched
        QTRY_COMPARE_WITH_TIMEOUT(view.slicePlot()->pointCount(), 2 * 40, 5000);
        QCOMPARE(view.parallelPlot()->lineCount(), 0);  // not shown yet
        view.showView("parallel");
        QCOMPARE(view.parallelPlot()->lineCount(), 40);
        QCOMPARE(view.parallelPlot()->axisCount(), 3);
        view.showView("contour");
        QCOMPARE(view.contourPlot()->pointCount(), 40);
        QVERIFY(view.contourPlot()->cellCount() > 100);
        view.showView("edf");
        QCOMPARE(view.edfPlot()->pointCount(), 40);
        view.showView("timeline");
        QCOMPARE(view.timelinePlot()->barCount(), 40);
        view.showView("intermediate");
        QCOMPARE(view.intermediatePlot()->curveCount(), 40);
        QSignalSpy importance(&view, &AnalysisView::importanceUpdated);
        view.showView("importance");
        QTRY_VERIFY_WITH_TIMEOUT(!view.importanceBusy() && view.importancePlot()->barCount() == 2, 20000);
        QCOMPARE(view.importancePlot()->title(), QString("fANOVA importance over 40 complete trials"));
        view.setEvaluator(ImportanceEvaluator::Mdi);
        QTRY_VERIFY_WITH_TIMEOUT(!view.importanceBusy() &&
                                     view.importancePlot()->title().startsWith("Mean decrease in impurity"), 20000);
        QVERIFY(importance.count() >= 2);

        // More trials: the parallel coordinates, drawn before, are drawn again when shown.
        view.updateTrials(study(5, 40));
        view.refreshNow();
        view.showView("parallel");
        QCOMPARE(view.parallelPlot()->lineCount(), 45);
        QTRY_VERIFY_WITH_TIMEOUT(!view.importanceBusy(), 20000);
    }

    void drawsWhenShown()
    {
        AnalysisView view;
        view.showView("slice");
        view.updateTrials(study(5));
        QTest::qWait(AnalysisView::refreshInterval() + 200);
        QCOMPARE(view.slicePlot()->pointCount(), 0);
        view.show();
        QTRY_COMPARE_WITH_TIMEOUT(view.slicePlot()->pointCount(), 10, 5000);
    }

    void clearEmptiesEveryView()
    {
        AnalysisView view;
        view.setTrials(study(10));
        view.refreshNow();
        QTRY_VERIFY_WITH_TIMEOUT(!view.importanceBusy() && view.importancePlot()->barCount() == 2, 20000);
        view.showView("slice");
        QCOMPARE(view.slicePlot()->pointCount(), 20);
        view.clear();
        QCOMPARE(view.trialCount(), 0);
        QCOMPARE(view.slicePlot()->pointCount(), 0);
        view.showView("importance");
        QTRY_VERIFY_WITH_TIMEOUT(!view.importanceBusy(), 20000);
        QCOMPARE(view.importancePlot()->barCount(), 0);
        QCOMPARE(view.importancePlot()->title(), QString("No complete trials yet"));
    }

    // Brushing the parallel coordinates filters the leaderboard's rows; the leaderboard's
    // own filters dim the lines of the trials they hide.
    void brushingFiltersTheLeaderboardAndItsFilterDims()
    {
        LeaderboardModel model;
        model.setMetric("loss", StudyDirection::Minimize);
        model.upsert(study(10));
        LeaderboardProxy proxy;
        proxy.setSourceModel(&model);
        QCOMPARE(proxy.rowCount(), 10);

        AnalysisView view;
        view.linkLeaderboard(&proxy);
        view.setTrials(study(10));
        view.refreshNow();
        view.showView("parallel");
        QCOMPARE(view.parallelPlot()->highlightedCount(), 10);
        QSignalSpy filter(&view, &AnalysisView::trialFilterChanged);
        // Axis 0 is a (by name): its upper half.
        view.parallelPlot()->setBrush(0, std::make_pair(0.5, 1.0));
        QCOMPARE(filter.count(), 1);
        QSet<int> upper;
        for (const auto& t : study(10))
            if (t.params.at("a") >= 0.5)
                upper.insert(t.number);
        QVERIFY(!upper.isEmpty() && upper.size() < 10);
        QCOMPARE(proxy.rowCount(), int(upper.size()));
        for (int r = 0; r < proxy.rowCount(); ++r)
            QVERIFY(upper.contains(proxy.index(r, 0).data(LeaderboardModel::TrialNumberRole).toInt()));
        QCOMPARE(view.parallelPlot()->highlightedCount(), int(upper.size()));
        view.parallelPlot()->clearBrushes();
        QCOMPARE(proxy.rowCount(), 10);
        QCOMPARE(view.parallelPlot()->highlightedCount(), 10);

        // The other way: the leaderboard's state filter hides every trial: all lines dimmed.
        proxy.setVisibleStates({TrialState::Failed});
        QCOMPARE(proxy.rowCount(), 0);
        QCOMPARE(view.parallelPlot()->highlightedCount(), 0);
        proxy.setVisibleStates(LeaderboardProxy::allStates());
        QCOMPARE(view.parallelPlot()->highlightedCount(), 10);
        proxy.setTextFilter("9.");  // values 9.x: the trials whose a is in [0.9, 1)
        QVERIFY(proxy.rowCount() > 0 && proxy.rowCount() < 10);
        QCOMPARE(view.parallelPlot()->highlightedCount(), proxy.rowCount());
        QTRY_VERIFY_WITH_TIMEOUT(!view.importanceBusy(), 20000);
    }

    void contourParamsCanBeChosen()
    {
        AnalysisView view;
        view.setTrials(study(30));
        view.refreshNow();
        view.setContourParams("b", "a");
        view.showView("contour");
        QCOMPARE(view.contourPlot()->xAxis->label(), QString("b"));
        QCOMPARE(view.contourPlot()->yAxis->label(), QString("a"));
        QVERIFY(view.contourPlot()->title().startsWith("Gaussian-process mean of value over b and a"));
        QTRY_VERIFY_WITH_TIMEOUT(!view.importanceBusy(), 20000);
    }

    // A 10,000-trial study: every view draws a subsample, and importance says its subset.
    // The drawing time of each view is printed (never asserted: the machine is shared).
    void tenThousandTrials()
    {
        AnalysisView view;
        view.resize(1000, 700);
        view.show();
        const auto trials = study(10000);
        QElapsedTimer clock;
        clock.start();
        view.setTrials(trials);
        view.refreshNow();
        QString times = QString("taking in 10000 trials %1 ms; each view drawn and painted:").arg(clock.elapsed());
        const std::vector<std::pair<QString, QCustomPlot*>> plots{
            {"slice", view.slicePlot()},         {"parallel", view.parallelPlot()},
            {"contour", view.contourPlot()},     {"edf", view.edfPlot()},
            {"timeline", view.timelinePlot()},   {"intermediate", view.intermediatePlot()}};
        for (const auto& [name, plot] : plots) {
            clock.restart();
            view.showView(name);
            plot->replot(QCustomPlot::rpImmediateRefresh);
            times += QString(" %1 %2 ms").arg(name).arg(clock.elapsed());
        }
        // What a live run costs the GUI thread per batch: one trial changed, the view on
        // show (here the slices) drawn again.
        view.showView("slice");
        FrozenTrial changed = trials.back();
        changed.value = -1.0;
        clock.restart();
        view.updateTrials({changed});
        view.refreshNow();
        view.slicePlot()->replot(QCustomPlot::rpImmediateRefresh);
        times += QString("; a live batch (slice) %1 ms").arg(clock.elapsed());
        qInfo().noquote() << times;
        QCOMPARE(view.slicePlot()->pointCount(), int(2 * AnalysisView::kDrawnTrials));
        QCOMPARE(view.parallelPlot()->lineCount(), int(AnalysisView::kDrawnTrials / 2));
        view.showView("importance");
        QTRY_VERIFY_WITH_TIMEOUT(!view.importanceBusy() && view.importancePlot()->barCount() == 2, 60000);
        QCOMPARE(view.importancePlot()->title(),
                 QString("fANOVA importance over %1 complete trials (a random subset of 10000)")
                     .arg(AnalysisView::kImportanceTrials));
    }
};

QTEST_MAIN(tst_AnalysisView)
#include "tst_analysisview.moc"
