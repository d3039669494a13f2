#include "analysis/MdiImportance.h"

#include <QtTest>

#include <cmath>

using tw::RegressionData;
using tw::MdiImportance;
using tw::RandomForest;
using tw::RegressionTree;

class tst_MdiImportance : public QObject {
    Q_OBJECT
private slots:
    // y = 2 [x0 > .5] + [x1 > .5] on a full grid: the x0 split removes 100 (1.25 - 0.25),
    // the two x1 splits 2 * 50 * 0.25: shares 0.8 and 0.2.
    void additiveStepsOnAGrid()
    {
        RegressionData data({{"x0", 0, 0.0, 1.0}, {"x1", 0, 0.0, 1.0}});
        for (int i = 0; i < 10; ++i)
            for (int j = 0; j < 10; ++j) {
                const double a = 0.05 + 0.1 * i, b = 0.05 + 0.1 * j;
                data.addRow({a, b}, 2.0 * (a > 0.5) + 1.0 * (b > 0.5));
            }
        const auto tree = RegressionTree::fit(data, std::vector<double>(100, 1.0), {}, 0);
        const auto imp = MdiImportance::treeImportance(tree);
        QVERIFY(std::abs(imp[0] - 0.8) < 1e-12);
        QVERIFY(std::abs(imp[1] - 0.2) < 1e-12);

        tw::RandomForestOptions options;
        options.bootstrap = false;
        options.trees = 4;
        const auto forest = MdiImportance::importance(RandomForest::fit(data, options));
        QVERIFY(std::abs(forest[0] - 0.8) < 1e-12);
        QVERIFY(std::abs(forest[1] - 0.2) < 1e-12);
    }

    void irrelevantFeatureGetsLittle()
    {
        RegressionData data({{"x0", 0, 0.0, 1.0}, {"noise", 0, 0.0, 1.0}});
        for (int i = 0; i < 150; ++i) {
            const double a = std::fmod(i * 0.6180339887, 1.0), b = std::fmod(i * 0.7548776662, 1.0);
            data.addRow({a, b}, 10 * a);
        }
        const auto imp = MdiImportance::importance(RandomForest::fit(data, {}));
        QVERIFY(std::abs(imp[0] + imp[1] - 1.0) < 1e-12);
        QVERIFY(imp[1] < 0.01);
    }

    void constantTargetGivesZeros()
    {
        RegressionData data({{"x0", 0, 0.0, 1.0}});
        for (int i = 0; i < 5; ++i)
            data.addRow({i / 5.0}, 1.0);
        QCOMPARE(MdiImportance::importance(RandomForest::fit(data, {})), std::vector<double>{0.0});
    }
};

QTEST_APPLESS_MAIN(tst_MdiImportance)
#include "tst_mdiimportance.moc"
