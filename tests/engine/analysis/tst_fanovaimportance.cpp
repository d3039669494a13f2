#include "analysis/FanovaImportance.h"

#include <QtTest>

#include <cmath>

using tw::FanovaImportance;
using tw::RegressionData;
using tw::RandomForest;
using tw::RegressionTree;

namespace {

// y(x0, x1) on a 10 x 10 grid of [0, 1]^2 (cell centres), so every step sits at 0.5.
RegressionData grid(double (*f)(double, double))
{
    RegressionData data({{"x0", 0, 0.0, 1.0}, {"x1", 0, 0.0, 1.0}});
    for (int i = 0; i < 10; ++i)
        for (int j = 0; j < 10; ++j) {
            const double a = 0.05 + 0.1 * i, b = 0.05 + 0.1 * j;
            data.addRow({a, b}, f(a, b));
        }
    return data;
}

RegressionTree fitAll(const RegressionData& data)
{
    return RegressionTree::fit(data, std::vector<double>(data.rows(), 1.0), {}, 1);
}

} // namespace

class tst_FanovaImportance : public QObject {
    Q_OBJECT
private slots:
    // y = 2 [x0 > .5] + [x1 > .5]: total variance 1 + 1/4, marginals 1 and 1/4 exactly.
    void additiveStepsDecomposeExactly()
    {
        const auto data = grid([](double a, double b) { return 2.0 * (a > 0.5) + 1.0 * (b > 0.5); });
        const auto t = FanovaImportance::decompose(fitAll(data), data.columns());
        QVERIFY(std::abs(t.mean - 1.5) < 1e-12);
        QVERIFY(std::abs(t.totalVariance - 1.25) < 1e-12);
        QVERIFY(std::abs(t.marginalVariance[0] - 1.0) < 1e-12);
        QVERIFY(std::abs(t.marginalVariance[1] - 0.25) < 1e-12);
    }

    // The measure is the domain's, not the rows': a step at 1/4 of x0's range splits its
    // marginal 1/4 : 3/4 however many rows lie on each side.
    void measureIsTheDomainNotTheRows()
    {
        RegressionData data({{"x0", 0, 0.0, 4.0}, {"x1", 0, 0.0, 1.0}});
        const double xs[] = {0.5, 1.5, 1.7, 2.5, 3.0, 3.5};  // 1 row left of 1, 5 right of it
        for (double a : xs)
            for (int j = 0; j < 4; ++j) {
                const double b = 0.125 + 0.25 * j;
                data.addRow({a, b}, (a > 1.0 ? 1.0 : 0.0) + (b > 0.5 ? 1.0 : 0.0));
            }
        const auto t = FanovaImportance::decompose(fitAll(data), data.columns());
        QVERIFY(std::abs(t.marginalVariance[0] - 0.1875) < 1e-12);  // split at (0.5+1.5)/2 = 1
        QVERIFY(std::abs(t.marginalVariance[1] - 0.25) < 1e-12);
        QVERIFY(std::abs(t.totalVariance - 0.4375) < 1e-12);
    }

    // XOR: all the variance is the interaction, none in either marginal.
    void pureInteractionHasNoMainEffect()
    {
        const auto data = grid([](double a, double b) { return double((a > 0.5) != (b > 0.5)); });
        const auto t = FanovaImportance::decompose(fitAll(data), data.columns());
        QVERIFY(std::abs(t.totalVariance - 0.25) < 1e-12);
        QVERIFY(std::abs(t.marginalVariance[0]) < 1e-12);
        QVERIFY(std::abs(t.marginalVariance[1]) < 1e-12);
    }

    // Categories each weigh 1/k: values 0, 0, 3 have mean 1 and variance 2.
    void categoriesWeighEqually()
    {
        RegressionData data({{"c", 3}, {"x", 0, 0.0, 1.0}});
        for (int i = 0; i < 30; ++i)
            data.addRow({double(i % 3), (i % 10) / 10.0}, i % 3 == 2 ? 3.0 : 0.0);
        const auto t = FanovaImportance::decompose(fitAll(data), data.columns());
        QVERIFY(std::abs(t.mean - 1.0) < 1e-12);
        QVERIFY(std::abs(t.totalVariance - 2.0) < 1e-12);
        QVERIFY(std::abs(t.marginalVariance[0] - 2.0) < 1e-12);
        QVERIFY(std::abs(t.marginalVariance[1]) < 1e-12);
    }

    // Over a bootstrapped forest: a smooth function of x0 alone gives x0 almost everything;
    // one of x0 and x1 ranks them by their amplitudes.
    void forestRanksByEffect()
    {
        RegressionData data({{"x0", 0, 0.0, 1.0}, {"x1", 0, 0.0, 1.0}, {"x2", 0, 0.0, 1.0}});
        for (int i = 0; i < 200; ++i) {
            const double a = std::fmod(i * 0.6180339887, 1.0), b = std::fmod(i * 0.7548776662, 1.0),
                         c = std::fmod(i * 0.5698402910, 1.0);
            data.addRow({a, b, c}, 4 * a * a + std::sin(3 * b));
        }
        tw::RandomForestOptions options;
        options.seed = 3;
        const auto forest = RandomForest::fit(data, options);
        const auto imp = FanovaImportance::importance(forest, data.columns());
        QVERIFY2(imp[0] > imp[1] && imp[1] > imp[2], qPrintable(QString("%1 %2 %3").arg(imp[0]).arg(imp[1]).arg(imp[2])));
        QVERIFY(imp[2] < 0.02);
        // Var(4a^2) = 16 (1/5 - 1/9) = 1.42; Var(sin 3b) = 0.5 - sin(6)/12 - ((1-cos 3)/3)^2 = 0.08
        QVERIFY(imp[0] > 0.8);
    }

    void constantTreesGiveZero()
    {
        RegressionData data({{"x0", 0, 0.0, 1.0}});
        for (int i = 0; i < 5; ++i)
            data.addRow({i / 5.0}, 2.0);
        const auto forest = RandomForest::fit(data, {});
        QCOMPARE(FanovaImportance::importance(forest, data.columns()), std::vector<double>{0.0});
    }
};

QTEST_APPLESS_MAIN(tst_FanovaImportance)
#include "tst_fanovaimportance.moc"
