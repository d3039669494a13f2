#include "analysis/ContourPlot.h"

#include <QtTest>

using namespace tw;
using namespace tw::widgets;

namespace {

std::vector<FrozenTrial> trials(int n)
{
    const auto fx = Distribution::makeFloat(0, 1);
    const auto flr = Distribution::makeFloat(1e-4, 1, true);
    std::vector<FrozenTrial> out;
    for (int i = 0; i < n; ++i) {
        FrozenTrial t;
        t.number = i;
        t.state = TrialState::Complete;
        const double x = std::fmod(0.5 + i * 0.618034, 1.0), lr = std::pow(10.0, -4 + 4 * std::fmod(i * 0.754878, 1.0));
        t.params = {{"x", x}, {"lr", lr}};
        t.distributions = {{"x", fx}, {"lr", flr}};
        t.value = x + std::log10(lr);
        out.push_back(t);
    }
    return out;
}

} // namespace

class tst_ContourPlot : public QObject {
    Q_OBJECT
private slots:
    // The surface as a colour map over the whole box, the trials as points, a log axis
    // for lr, a title that says which model.
    void drawsTheSurfaceAndThePoints()
    {
        ContourPlot plot;
        plot.resize(600, 400);
        plot.setSurface(ContourData::build(trials(30), "x", "lr", 20), "loss");
        QCOMPARE(plot.cellCount(), 400);
        QCOMPARE(plot.pointCount(), 30);
        QCOMPARE(plot.yAxis->scaleType(), QCPAxis::stLogarithmic);
        QCOMPARE(plot.xAxis->label(), QString("x"));
        QVERIFY(plot.title().startsWith("Gaussian-process mean of loss over x and lr (fitted to 30 trials)"));
        QVERIFY(std::abs(plot.xAxis->range().lower) < 1e-9 && std::abs(plot.xAxis->range().upper - 1) < 1e-9);
        QVERIFY(std::abs(plot.yAxis->range().lower - 1e-4) < 1e-9);
        auto* map = qobject_cast<QCPColorMap*>(plot.plottable(0));
        QVERIFY(map);
        QVERIFY(map->dataRange().size() > 3);  // the scale spans the values (about -4 to 1)
    }

    void showsWhyThereIsNoSurface()
    {
        ContourPlot plot;
        plot.setSurface(ContourData::build(trials(30), "x", "nope"), "loss");
        QCOMPARE(plot.cellCount(), 0);
        QVERIFY(plot.title().startsWith("no parameter \"nope\""));
    }
};

QTEST_MAIN(tst_ContourPlot)
#include "tst_contourplot.moc"
