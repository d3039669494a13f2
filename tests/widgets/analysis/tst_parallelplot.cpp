#include "analysis/ParallelPlot.h"

#include <QSignalSpy>
#include <QtTest>

using namespace tw;
using namespace tw::widgets;

namespace {

ParallelCoordinates tenTrials()
{
    std::vector<FrozenTrial> trials;
    const auto x = Distribution::makeFloat(0, 1);
    const auto c = Distribution::makeCategorical({"\"a\"", "\"b\""});
    for (int i = 0; i < 10; ++i) {
        FrozenTrial t;
        t.number = i;
        t.state = TrialState::Complete;
        t.value = i;
        t.params = {{"x", i / 9.0}, {"c", double(i % 2)}};
        t.distributions = {{"x", x}, {"c", c}};
        trials.push_back(t);
    }
    return ParallelData::build(trials);
}

int curvePoints(const QCPCurve* c)
{
    int n = 0;
    for (auto it = c->data()->constBegin(); it != c->data()->constEnd(); ++it)
        n += std::isnan(it->key) ? 0 : 1;
    return n;
}

} // namespace

class tst_ParallelPlot : public QObject {
    Q_OBJECT
private slots:
    void drawsALinePerTrialThroughEveryAxis()
    {
        ParallelPlot plot;
        plot.resize(700, 400);
        plot.setData(tenTrials());
        QCOMPARE(plot.axisCount(), 3);
        QCOMPARE(plot.lineCount(), 10);
        QCOMPARE(plot.highlightedCount(), 10);
        int points = 0;
        for (int i = 0; i < plot.plottableCount(); ++i)
            points += curvePoints(qobject_cast<QCPCurve*>(plot.plottable(i)));
        QCOMPARE(points, 30);
        auto* ticker = dynamic_cast<QCPAxisTickerText*>(plot.xAxis->ticker().data());
        QCOMPARE(ticker->ticks().value(2.0), QString("objective"));
        QCOMPARE(curvePoints(qobject_cast<QCPCurve*>(plot.plottable(0))), 0);  // nothing dimmed
    }

    // Brushing x's upper half keeps trials 5..9; adding c = "b" keeps the odd ones of them.
    void brushingFiltersAndSaysWhich()
    {
        ParallelPlot plot;
        plot.setData(tenTrials());
        QSignalSpy spy(&plot, &ParallelPlot::brushChanged);
        plot.setBrush(1, std::make_pair(0.5, 1.0));  // axes by name: c, x, objective
        QCOMPARE(spy.count(), 1);
        QCOMPARE(*plot.brushedTrials(), (QSet<int>{5, 6, 7, 8, 9}));
        plot.setBrush(0, std::make_pair(0.5, 1.0));
        QCOMPARE(*plot.brushedTrials(), (QSet<int>{5, 7, 9}));
        QCOMPARE(plot.highlightedCount(), 3);
        QCOMPARE(curvePoints(qobject_cast<QCPCurve*>(plot.plottable(0))), 7 * 3);  // dimmed
        plot.clearBrushes();
        QVERIFY(!plot.brushedTrials());
        QCOMPARE(spy.count(), 3);
        QVERIFY(!spy.last().at(0).value<std::optional<QSet<int>>>());
    }

    // The leaderboard's filter dims the lines it hides.
    void leaderboardFilterDims()
    {
        ParallelPlot plot;
        plot.setData(tenTrials());
        plot.setVisibleTrials(QSet<int>{1, 2});
        QCOMPARE(plot.highlightedCount(), 2);
        plot.setVisibleTrials(std::nullopt);
        QCOMPARE(plot.highlightedCount(), 10);
    }

    // A drag along an axis brushes it; a click clears it.
    void mouseDragBrushes()
    {
        ParallelPlot plot;
        plot.resize(700, 400);
        plot.setData(tenTrials());
        plot.replot();
        const int x = int(plot.xAxis->coordToPixel(1));
        const int y0 = int(plot.yAxis->coordToPixel(1.0)), y1 = int(plot.yAxis->coordToPixel(0.5));
        QTest::mousePress(&plot, Qt::LeftButton, {}, QPoint(x, y0));
        QMouseEvent move(QEvent::MouseMove, QPointF(x, y1), plot.mapToGlobal(QPointF(x, y1)), Qt::NoButton,
                         Qt::LeftButton, {});
        QCoreApplication::sendEvent(&plot, &move);
        QTest::mouseRelease(&plot, Qt::LeftButton, {}, QPoint(x, y1));
        QVERIFY(plot.brushedTrials());
        QCOMPARE(*plot.brushedTrials(), (QSet<int>{5, 6, 7, 8, 9}));
        QTest::mouseClick(&plot, Qt::LeftButton, {}, QPoint(x, y1));
        QVERIFY(!plot.brushedTrials());
    }
};

QTEST_MAIN(tst_ParallelPlot)
#include "tst_parallelplot.moc"
