#include "analysis/AnalysisView.h"
#include "analysis/EdfPlot.h"
#include "analysis/ImportancePlot.h"
#include "analysis/ParallelPlot.h"
#include "analysis/SlicePlot.h"
#include "analysis/TimelinePlot.h"

#include <QSignalSpy>
#include <QTabWidget>
#include <QtTest>

#include <cmath>

using namespace tw;
using namespace tw::widgets;

namespace {

std::vector<FrozenTrial> study(int n, int from = 0)
{
    std::vector<FrozenTrial> out;
    const auto x = Distribution::makeFloat(0, 1);
    for (int i = from; i < from + n; ++i) {
        FrozenTrial t;
        t.number = i;
        t.state = TrialState::Complete;
        const double a = std::fmod(i * 0.618034, 1.0), b = std::fmod(i * 0.754878, 1.0);
        t.params = {{"a", a}, {"b", b}};
        t.distributions = {{"a", x}, {"b", x}};
        t.value = 10 * a + b;
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
        QCOMPARE(names, (QStringList{"Importance", "Slice", "Parallel coordinates", "Distribution", "Timeline",
                                     "Intermediate values"}));
    }

    // Changes are batched: nothing is drawn until the timer (refreshInterval) fires, then
    // every view at once, and importance arrives from its thread.
    void batchesUpdatesAndComputesImportanceApart()
    {
        AnalysisView view;
        view.show();  // a hidden view draws nothing until shown
        view.setStudy("loss", StudyDirection::Minimize);
        QSignalSpy importance(&view, &AnalysisView::importanceUpdated);
        view.updateTrials(study(20));
        view.updateTrials(study(20, 20));
        QCOMPARE(view.slicePlot()->pointCount(), 0);  // not yet: batched
        QTRY_COMPARE_WITH_TIMEOUT(view.slicePlot()->pointCount(), 2 * 40, 5000);
        QCOMPARE(view.edfPlot()->pointCount(), 40);
        QCOMPARE(view.parallelPlot()->lineCount(), 40);
        QCOMPARE(view.timelinePlot()->barCount(), 40);
        QTRY_VERIFY_WITH_TIMEOUT(!view.importanceBusy() && view.importancePlot()->barCount() == 2, 20000);
        QCOMPARE(view.importancePlot()->title(), QString("fANOVA importance over 40 complete trials"));

        view.setEvaluator(ImportanceEvaluator::Mdi);
        QTRY_VERIFY_WITH_TIMEOUT(!view.importanceBusy() &&
                                     view.importancePlot()->title().startsWith("Mean decrease in impurity"), 20000);
        QVERIFY(importance.count() >= 2);
    }

    void drawsWhenShown()
    {
        AnalysisView view;
        view.updateTrials(study(5));
        QTest::qWait(AnalysisView::refreshInterval() + 200);
        QCOMPARE(view.slicePlot()->pointCount(), 0);
        view.show();
        QTRY_COMPARE_WITH_TIMEOUT(view.slicePlot()->pointCount(), 10, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!view.importanceBusy(), 20000);
    }

    void clearEmptiesEveryView()
    {
        AnalysisView view;
        view.setTrials(study(10));
        view.refreshNow();
        QTRY_VERIFY_WITH_TIMEOUT(!view.importanceBusy(), 20000);
        view.clear();
        QCOMPARE(view.trialCount(), 0);
        QCOMPARE(view.slicePlot()->pointCount(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!view.importanceBusy(), 20000);
        QCOMPARE(view.importancePlot()->barCount(), 0);
        QCOMPARE(view.importancePlot()->title(), QString("No complete trials yet"));
    }

    void brushingIsPassedOn()
    {
        AnalysisView view;
        view.setTrials(study(10));
        view.refreshNow();
        QSignalSpy filter(&view, &AnalysisView::trialFilterChanged);
        view.parallelPlot()->setBrush(2, std::make_pair(0.0, 0.5));
        QCOMPARE(filter.count(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!view.importanceBusy(), 20000);
    }
};

QTEST_MAIN(tst_AnalysisView)
#include "tst_analysisview.moc"
