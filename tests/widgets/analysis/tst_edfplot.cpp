#include "analysis/EdfPlot.h"

#include <QtTest>

using namespace tw;
using namespace tw::widgets;

class tst_EdfPlot : public QObject {
    Q_OBJECT
private slots:
    void drawsTheStepCurveFromZero()
    {
        EdfCurve c;
        c.value = {1, 2, 3};
        c.fraction = {0.25, 0.75, 1.0};
        EdfPlot plot;
        plot.setCurve(c, "loss");
        QCOMPARE(plot.pointCount(), 3);
        QCOMPARE(plot.graph(0)->lineStyle(), QCPGraph::lsStepLeft);
        QCOMPARE(plot.graph(0)->data()->at(0)->value, 0.0);
        QCOMPARE(plot.graph(0)->data()->at(3)->value, 1.0);
        QCOMPARE(plot.xAxis->label(), QString("loss"));
        plot.setCurve({}, "loss");
        QCOMPARE(plot.pointCount(), 0);
    }
};

QTEST_MAIN(tst_EdfPlot)
#include "tst_edfplot.moc"
