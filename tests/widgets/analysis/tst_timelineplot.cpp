#include "analysis/TimelinePlot.h"
#include "support/SampleTrials.h"

#include <QtTest>

using namespace tw;
using namespace tw::widgets;

class tst_TimelinePlot : public QObject {
    Q_OBJECT
private slots:
    // A bar per trial in the graph of its state; the lanes as ticks.
    void barsByState()
    {
        const auto trials = test::sampleTrials();
        TimelinePlot plot;
        plot.setTimeline(TimelineData::build(trials, *trials[4].started + std::chrono::seconds(3)));
        QCOMPARE(plot.barCount(), 5);
        QCOMPARE(plot.graphCount(), 4);
        QCOMPARE(plot.graph(0)->name(), QString("complete"));
        QCOMPARE(plot.graph(0)->dataCount(), 2 * 3);  // two bars: start, end and a gap each
        QCOMPARE(plot.graph(1)->dataCount(), 3);      // pruned
        QCOMPARE(plot.graph(3)->data()->at(1)->key, 43.0);  // running: until now
        auto* ticker = dynamic_cast<QCPAxisTickerText*>(plot.yAxis->ticker().data());
        QCOMPARE(ticker->ticks().value(0.0), QString("lane 1"));
    }
};

QTEST_MAIN(tst_TimelinePlot)
#include "tst_timelineplot.moc"
