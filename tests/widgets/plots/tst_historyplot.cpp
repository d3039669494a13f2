#include "plots/HistoryPlot.h"

#include <QSignalSpy>
#include <QtTest>

#include <cmath>

using namespace tw;
using namespace tw::widgets;

class tst_HistoryPlot : public QObject {
    Q_OBJECT
private slots:
    // #16: hovering a dot tells its trial, value and params; a click on one of the main
    // study's dots emits its number; a drag does not.
    void hoverTextAndClick()
    {
        HistoryPlot plot;
        plot.resize(600, 400);
        plot.setValueName("loss");
        plot.setStudy("this study", StudyDirection::Minimize, {{0, 0.5}, {1, 0.3}, {2, 0.4}});
        plot.setStudy("other", StudyDirection::Minimize, {{0, 0.9}});
        plot.setTrialDescriber([](int trial) { return QString("lr = %1").arg(trial * 0.1); });
        plot.refresh();
        plot.replot();
        const QPointF at(plot.xAxis->coordToPixel(1), plot.yAxis->coordToPixel(0.3));
        QCOMPARE(plot.hoverText(at), QString("trial #1\nloss: 0.3\nlr = 0.1"));
        QCOMPARE(plot.trialAt(at + QPointF(3, -2)), 1);
        const QPointF other(plot.xAxis->coordToPixel(0), plot.yAxis->coordToPixel(0.9));
        QCOMPARE(plot.hoverText(other), QString("trial #0\nloss: 0.9\n(other)"));
        QCOMPARE(plot.trialAt(other), -1);  // only the main study's trials are selectable
        QCOMPARE(plot.hoverText(at + QPointF(40, 40)), QString());
        QSignalSpy clicked(&plot, &HistoryPlot::trialClicked);
        QTest::mouseClick(&plot, Qt::LeftButton, {}, at.toPoint());
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toInt(), 1);
        QTest::mousePress(&plot, Qt::LeftButton, {}, at.toPoint() + QPoint(60, 0));
        QTest::mouseRelease(&plot, Qt::LeftButton, {}, at.toPoint());
        QCOMPARE(clicked.count(), 1);
    }

    // #16: the comparison can be cleared, and the legend sits outside the data's rect.
    void clearComparisonsKeepsTheMainStudyAndTheLegendIsOutside()
    {
        HistoryPlot plot;
        plot.resize(600, 400);
        plot.setStudy("this study", StudyDirection::Minimize, {{0, 0.5}, {1, 0.3}});
        plot.setStudy("a", StudyDirection::Minimize, {{0, 0.9}});
        plot.setStudy("b", StudyDirection::Minimize, {{0, 0.8}});
        plot.refresh();
        plot.replot();
        QCOMPARE(plot.studyCount(), 3);
        QVERIFY(!plot.axisRect()->rect().intersects(plot.legend->outerRect()));
        plot.clearComparisons();
        plot.refresh();
        QCOMPARE(plot.studyCount(), 1);
        QCOMPARE(plot.graphCount(), 2);  // dots and best so far
    }

    void robustRangeLeavesOrdinaryValuesAlone()
    {
        QVERIFY(!HistoryPlot::robustRange({0.3, 0.35, 0.4, 0.5, 0.6, 0.45}));
        QVERIFY(!HistoryPlot::robustRange({1, 1e6, 2, 3})); // too few to judge
        QVERIFY(!HistoryPlot::robustRange({2, 2, 2, 2, 2, 2})); // all equal
        // Out beyond the fences, but clipping it would hardly give the others more room.
        QVERIFY(!HistoryPlot::robustRange({1, 0.8, 0.93, 0.77, 0.1, 0.97, 1, 1}));
    }

    void robustRangeClipsAFarOutValue()
    {
        std::vector<double> v{0.30, 0.32, 0.35, 0.37, 0.40, 0.42, 0.45, 0.50, 0.55, 0.60, 1e6};
        const auto range = HistoryPlot::robustRange(v);
        QVERIFY(range);
        QCOMPARE(range->first, 0.30); // the data's own low end
        QVERIFY(range->second >= 0.60 && range->second < 2.0);
        // NaN and inf are not values to fit.
        v.push_back(std::nan(""));
        v.push_back(INFINITY);
        QVERIFY(HistoryPlot::robustRange(v));
        // A collapsed middle (most accuracies equal) still keeps a sensible window.
        const auto acc = HistoryPlot::robustRange({0.98, 0.98, 0.98, 0.98, 0.98, 0.98, 0.98, 0.97, 0.96, 0.1});
        QVERIFY(acc);
        QVERIFY(acc->first > 0.1 && acc->first < 0.96);
        QCOMPARE(acc->second, 0.98);
    }

    void outlierIsMarkedAtTheEdgeAndTheRestFillsTheView()
    {
        HistoryPlot plot;
        plot.resize(600, 400);
        std::vector<HistoryPlot::Point> pts;
        for (int i = 0; i < 20; ++i)
            pts.push_back({i, 0.3 + 0.01 * i});
        pts.push_back({20, 5e4}); // one diverged trial
        plot.setStudy("s", StudyDirection::Minimize, pts);
        plot.refresh();
        QCOMPARE(plot.outsideCount(), 1);
        QVERIFY(plot.yAxis->range().upper < 2.0);
        QVERIFY(plot.yAxis->range().lower < 0.3);
        // dots, best so far, and the edge marker of the outlier, named in the legend.
        QCOMPARE(plot.graphCount(), 3);
        QCPGraph* mark = plot.graph(2);
        QVERIFY(mark->name().contains("above the view (1)"));
        QCOMPARE(mark->data()->size(), 1);
        QCOMPARE(mark->data()->at(0)->key, 20.0);
        QVERIFY(plot.yAxis->range().contains(mark->data()->at(0)->value));
        // The dot itself is still drawn, at its true value.
        QCOMPARE(plot.graph(0)->data()->at(20)->value, 5e4);

        // Double-click (reset view) keeps the fitted range; log scale shows everything.
        plot.resetView();
        QVERIFY(plot.yAxis->range().upper < 2.0);
        plot.setLogScale(true);
        QCOMPARE(plot.outsideCount(), 0);
        QVERIFY(plot.yAxis->range().upper >= 5e4);
        plot.setLogScale(false);
        QCOMPARE(plot.outsideCount(), 1);
    }
};

QTEST_MAIN(tst_HistoryPlot)
#include "tst_historyplot.moc"
