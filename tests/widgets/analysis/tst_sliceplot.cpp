#include "analysis/SlicePlot.h"
#include "support/SampleTrials.h"

#include <QtTest>

using namespace tw;
using namespace tw::widgets;

class tst_SlicePlot : public QObject {
    Q_OBJECT
private slots:
    // A panel per parameter, a point per complete trial in each; log axis for the learning
    // rate, the choices as ticks (strings without their quotes) for categoricals.
    void panelPerParamPointPerTrial()
    {
        SlicePlot plot;
        plot.resize(800, 600);
        plot.setSlices(SliceData::build(test::sampleTrials()), "accuracy");
        QCOMPARE(plot.panelCount(), 4);
        QCOMPARE(plot.axisRectCount(), 4);
        QCOMPARE(plot.pointCount(), 8);
        QCOMPARE(plot.axisRect(2)->axis(QCPAxis::atBottom)->scaleType(), QCPAxis::stLogarithmic);
        QCOMPARE(plot.axisRect(2)->axis(QCPAxis::atBottom)->label(), QString("training.learning_rate"));
        auto* ticker = dynamic_cast<QCPAxisTickerText*>(plot.axisRect(3)->axis(QCPAxis::atBottom)->ticker().data());
        QVERIFY(ticker);
        QCOMPARE(ticker->ticks().value(0.0), QString("adam"));
        QCOMPARE(plot.axisRect(0)->axis(QCPAxis::atLeft)->label(), QString("accuracy"));
        // Drawn again with fewer params: the extra panels go, the plot's own axes stay.
        plot.setSlices({}, "accuracy");
        QCOMPARE(plot.panelCount(), 0);
        QCOMPARE(plot.axisRectCount(), 1);
        QVERIFY(plot.xAxis && plot.yAxis);
        QCOMPARE(plot.pointCount(), 0);
    }

    // Trial number picks the colour: the first and the last trial land in different bins.
    void colourByTrialNumber()
    {
        ParamSlice s;
        s.param = "x";
        s.distribution = Distribution::makeFloat(0, 1);
        s.x = {0.1, 0.5, 0.9};
        s.value = {1, 2, 3};
        s.number = {0, 5, 10};
        SlicePlot plot;
        plot.setSlices({s}, "value");
        QCOMPARE(plot.graph(0)->dataCount(), 1);
        QCOMPARE(plot.graph(SlicePlot::kColourBins - 1)->dataCount(), 1);
        QVERIFY(plot.graph(0)->scatterStyle().brush().color() !=
                plot.graph(SlicePlot::kColourBins - 1)->scatterStyle().brush().color());
    }
};

QTEST_MAIN(tst_SlicePlot)
#include "tst_sliceplot.moc"
