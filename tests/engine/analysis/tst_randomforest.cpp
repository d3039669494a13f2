#include "analysis/RandomForest.h"

#include <QtTest>

#include <cmath>

using tw::RegressionData;
using tw::RandomForest;

namespace {

RegressionData smoothData()
{
    RegressionData data({{"a", 0, 0.0, 1.0}, {"b", 0, 0.0, 1.0}});
    for (int i = 0; i < 80; ++i) {
        const double a = std::fmod(i * 0.6180339887, 1.0), b = std::fmod(i * 0.4142135623, 1.0);
        data.addRow({a, b}, std::sin(3 * a) + 0.3 * b);
    }
    return data;
}

} // namespace

class tst_RandomForest : public QObject {
    Q_OBJECT
private slots:
    void sameSeedSameForestOtherSeedOtherForest()
    {
        const RegressionData data = smoothData();
        tw::RandomForestOptions options;
        options.trees = 8;
        options.seed = 7;
        const auto a = RandomForest::fit(data, options);
        const auto b = RandomForest::fit(data, options);
        options.seed = 8;
        const auto c = RandomForest::fit(data, options);
        const double probe[] = {0.37, 0.61};
        QCOMPARE(a.predict(probe), b.predict(probe));
        bool differs = false;
        for (int i = 0; i < 20; ++i) {
            const double p[] = {i / 20.0, 1 - i / 20.0};
            differs = differs || a.predict(p) != c.predict(p);
        }
        QVERIFY(differs);
        QCOMPARE(a.trees().size(), std::size_t(8));
    }

    // Bootstrap: the trees differ from one another; the forest's prediction is their mean,
    // and it approximates the function it was fitted to.
    void predictsTheMeanOfBootstrappedTrees()
    {
        const RegressionData data = smoothData();
        tw::RandomForestOptions options;
        options.trees = 16;
        const auto forest = RandomForest::fit(data, options);
        const double probe[] = {0.5, 0.5};
        double sum = 0;
        for (const auto& t : forest.trees())
            sum += t.predict(probe);
        QCOMPARE(forest.predict(probe), sum / 16);
        QVERIFY(forest.trees()[0].nodes().size() != forest.trees()[1].nodes().size() ||
                forest.trees()[0].predict(probe) != forest.trees()[1].predict(probe) ||
                forest.trees()[0].nodes()[0].value != forest.trees()[1].nodes()[0].value);
        QVERIFY(std::abs(forest.predict(probe) - (std::sin(1.5) + 0.15)) < 0.15);
    }

    void withoutBootstrapEveryTreeSeesAllRows()
    {
        const RegressionData data = smoothData();
        tw::RandomForestOptions options;
        options.trees = 3;
        options.bootstrap = false;
        const auto forest = RandomForest::fit(data, options);
        for (const auto& t : forest.trees())
            QCOMPARE(t.nodes()[0].weight, 80.0);
        for (std::size_t r = 0; r < data.rows(); ++r)
            QVERIFY(std::abs(forest.predict(data.row(r)) - data.target(r)) < 1e-12);
    }

    void rejectsBadData()
    {
        RegressionData empty({{"a", 0, 0.0, 1.0}});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, RandomForest::fit(empty, {}));
        RegressionData badCategory({{"c", 2}});
        badCategory.addRow({2.0}, 1.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, RandomForest::fit(badCategory, {}));
        RegressionData nan({{"a", 0, 0.0, 1.0}});
        nan.addRow({0.5}, std::nan(""));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, RandomForest::fit(nan, {}));
    }
};

QTEST_APPLESS_MAIN(tst_RandomForest)
#include "tst_randomforest.moc"
