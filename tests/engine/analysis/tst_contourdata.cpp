// The contour's surface (#16): a Gaussian-process mean over two parameters.
#include "analysis/ContourData.h"

#include <QtTest>

#include <cmath>

using namespace tw;

namespace {

// n complete trials of (x - 0.3)^2 + (log10 lr + 2)^2 over x in [0, 1], lr in [1e-4, 1]
// (log), a categorical c that does not matter; points from a low-discrepancy sequence.
std::vector<FrozenTrial> bowl(int n, bool constant = false)
{
    const auto fx = Distribution::makeFloat(0, 1);
    const auto flr = Distribution::makeFloat(1e-4, 1, true);
    const auto fc = Distribution::makeCategorical({"\"a\"", "\"b\""});
    std::vector<FrozenTrial> out;
    for (int i = 0; i < n; ++i) {
        FrozenTrial t;
        t.number = i;
        t.state = TrialState::Complete;
        const double x = std::fmod(0.5 + i * 0.618034, 1.0);
        const double lr = std::pow(10.0, -4 + 4 * std::fmod(0.5 + i * 0.754878, 1.0));
        t.params = {{"x", x}, {"lr", lr}, {"c", double(i % 2)}};
        t.distributions = {{"x", fx}, {"lr", flr}, {"c", fc}};
        const double d = std::log10(lr) + 2;
        t.value = constant ? 1.0 : (x - 0.3) * (x - 0.3) + d * d / 4;
        out.push_back(t);
    }
    FrozenTrial pruned;  // not drawn, not fitted
    pruned.number = n;
    pruned.state = TrialState::Pruned;
    out.push_back(pruned);
    return out;
}

} // namespace

class tst_ContourData : public QObject {
    Q_OBJECT
private slots:
    void paramsEveryTrialHas()
    {
        QCOMPARE(ContourData::params(bowl(10)), (std::vector<std::string>{"c", "lr", "x"}));
    }

    // The surface's lowest cell lies near the bowl's bottom (x 0.3, lr 1e-2); the cells'
    // centres are geometric on the log axis; every trial is a point.
    void findsTheBowl()
    {
        const ContourSurface s = ContourData::build(bowl(80), "x", "lr", 40);
        QVERIFY2(s.ok(), s.error.c_str());
        QCOMPARE(s.nx, 40);
        QCOMPARE(int(s.z.size()), 40 * 40);
        QCOMPARE(s.px.size(), std::size_t(80));
        QCOMPARE(s.fitted, std::size_t(80));
        QVERIFY(std::abs(s.xCentre.front() - 0.5 / 40) < 1e-12);
        QVERIFY(std::abs(s.yCentre[1] / s.yCentre[0] - std::pow(10.0, 4.0 / 40)) < 1e-9);
        const auto lowest = std::min_element(s.z.begin(), s.z.end()) - s.z.begin();
        const double bx = s.xCentre[std::size_t(lowest % 40)], blr = s.yCentre[std::size_t(lowest / 40)];
        QVERIFY2(std::abs(bx - 0.3) < 0.1, qPrintable(QString::number(bx)));
        QVERIFY2(std::abs(std::log10(blr) + 2) < 0.4, qPrintable(QString::number(blr)));
        // It fits: the mean at the cell nearest a trial is near that trial's value.
        double worst = 0;
        for (std::size_t t = 0; t < s.px.size(); ++t) {
            const int i = std::clamp(int(s.px[t] * 40), 0, 39);
            const int j = std::clamp(int((std::log10(s.py[t]) + 4) / 4 * 40), 0, 39);
            worst = std::max(worst, std::abs(s.z[std::size_t(j * 40 + i)] - s.value[t]));
        }
        QVERIFY2(worst < 0.25, qPrintable(QString::number(worst)));
        // Deterministic.
        QCOMPARE(ContourData::build(bowl(80), "x", "lr", 40).z, s.z);
    }

    void categoricalAxisIsByChoiceIndex()
    {
        const ContourSurface s = ContourData::build(bowl(20), "c", "x", 10);
        QVERIFY2(s.ok(), s.error.c_str());
        QVERIFY(std::abs(s.xCentre.front() - (0.05 * 2 - 0.5)) < 1e-12);
        QVERIFY(std::abs(s.xCentre.back() - (0.95 * 2 - 0.5)) < 1e-12);
    }

    void saysWhyThereIsNoSurface()
    {
        QCOMPARE(ContourData::build(bowl(10), "x", "nope").error,
                 std::string("no parameter \"nope\" in every complete trial (there are: c, lr, x)"));
        QCOMPARE(ContourData::build(bowl(10), "x", "x").error,
                 std::string("the contour needs two different parameters, got \"x\" twice"));
        QCOMPARE(ContourData::build(bowl(10, true), "x", "lr").error,
                 std::string("the objective is constant over these trials"));
        QCOMPARE(ContourData::build(bowl(1), "x", "lr").error, std::string("the contour needs at least 2 complete trials"));
        QCOMPARE(ContourData::build({}, "", "").error,
                 std::string("the contour needs two parameters that every complete trial has"));
        // Default: the first two parameters.
        const ContourSurface s = ContourData::build(bowl(10));
        QCOMPARE(s.xParam, std::string("c"));
        QCOMPARE(s.yParam, std::string("lr"));
    }
};

QTEST_APPLESS_MAIN(tst_ContourData)
#include "tst_contourdata.moc"
