#include "analysis/IntermediatePlot.h"
#include "support/SampleTrials.h"

#include <QtTest>

using namespace tw;
using namespace tw::widgets;

class tst_IntermediatePlot : public QObject {
    Q_OBJECT
private slots:
    // Pruned trials' curves go to the dimmed curve, the others to the main one.
    void prunedOnesDimmed()
    {
        IntermediatePlot plot;
        plot.setCurves(IntermediateData::build(test::sampleTrials()), "accuracy");
        QCOMPARE(plot.curveCount(), 5);
        auto* pruned = qobject_cast<QCPCurve*>(plot.plottable(0));
        auto* other = qobject_cast<QCPCurve*>(plot.plottable(1));
        QCOMPARE(pruned->dataCount(), 2 + 1);      // trial 1: two finite steps and a gap
        QCOMPARE(other->dataCount(), 4 * (2 + 1));
        QVERIFY(pruned->pen().color().alpha() < other->pen().color().alpha());
        QCOMPARE(plot.yAxis->label(), QString("accuracy"));
    }
};

QTEST_MAIN(tst_IntermediatePlot)
#include "tst_intermediateplot.moc"
