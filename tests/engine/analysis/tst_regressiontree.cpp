#include "analysis/RegressionTree.h"

#include <QtTest>

using tw::FeatureColumn;
using tw::RegressionData;
using tw::RegressionTree;

class tst_RegressionTree : public QObject {
    Q_OBJECT
private slots:
    // A step in x0 is found between the two neighbouring values; x1 (irrelevant) is never used.
    void findsAStepHalfwayBetweenNeighbours()
    {
        RegressionData data({{"x0", 0, 0.0, 1.0}, {"x1", 0, 0.0, 1.0}});
        for (int i = 0; i < 10; ++i)
            data.addRow({0.05 + 0.1 * i, 0.1 * ((i * 7) % 10)}, i < 6 ? 1.0 : 3.0);
        const auto tree = RegressionTree::fit(data, std::vector<double>(10, 1.0), {}, 1);
        QCOMPARE(tree.nodes().size(), std::size_t(3));
        const auto& root = tree.nodes()[0];
        QCOMPARE(root.feature, 0);
        QVERIFY(std::abs(root.threshold - 0.6) < 1e-12);
        QCOMPARE(tree.nodes()[root.left].value, 1.0);
        QCOMPARE(tree.nodes()[root.right].value, 3.0);
        QCOMPARE(root.weight, 10.0);
        QVERIFY(std::abs(root.impurity - 0.96) < 1e-12);  // variance of six 1s and four 3s
        QCOMPARE(tree.depth(), 1);
    }

    // A categorical column is split into the set of choices with a low mean and the rest,
    // whatever their indices' order.
    void splitsCategoriesIntoSets()
    {
        RegressionData data({{"c", 4}});
        const double byCategory[] = {1.0, 5.0, 1.0, 5.0};
        for (int i = 0; i < 16; ++i)
            data.addRow({double(i % 4)}, byCategory[i % 4]);
        const auto tree = RegressionTree::fit(data, std::vector<double>(16, 1.0), {}, 3);
        QCOMPARE(tree.nodes().size(), std::size_t(3));
        const auto& root = tree.nodes()[0];
        QVERIFY(tree.goesLeft(root, 0.0));
        QVERIFY(!tree.goesLeft(root, 1.0));
        QVERIFY(tree.goesLeft(root, 2.0));
        QVERIFY(!tree.goesLeft(root, 3.0));
        for (int c = 0; c < 4; ++c) {
            const double row[] = {double(c)};
            QCOMPARE(tree.predict(row), byCategory[c]);
        }
    }

    // Grown to pure leaves, a tree reproduces distinct training rows exactly.
    void interpolatesTrainingRows()
    {
        RegressionData data({{"a", 0, -1.0, 1.0}, {"b", 3}});
        for (int i = 0; i < 30; ++i)
            data.addRow({std::sin(i * 1.7), double(i % 3)}, std::cos(i * 0.9) + (i % 3));
        const auto tree = RegressionTree::fit(data, std::vector<double>(30, 1.0), {}, 5);
        for (std::size_t r = 0; r < data.rows(); ++r)
            QCOMPARE(tree.predict(data.row(r)), data.target(r));
    }

    void maxDepthLimitsTheTree()
    {
        RegressionData data({{"a", 0, 0.0, 1.0}});
        for (int i = 0; i < 64; ++i)
            data.addRow({i / 64.0}, double((i * 37) % 64));
        tw::TreeOptions options;
        options.maxDepth = 2;
        const auto tree = RegressionTree::fit(data, std::vector<double>(64, 1.0), options, 0);
        QCOMPARE(tree.depth(), 2);
        QVERIFY(tree.nodes().size() <= 7);
    }

    // Rows of weight 0 take no part; weights count as repeated rows.
    void weightsActAsRepeatedRows()
    {
        RegressionData data({{"a", 0, 0.0, 1.0}});
        data.addRow({0.1}, 1.0);
        data.addRow({0.2}, 2.0);
        data.addRow({0.9}, 100.0);
        tw::TreeOptions stump;
        stump.maxDepth = 0;
        const auto tree = RegressionTree::fit(data, {1.0, 3.0, 0.0}, stump, 0);
        QCOMPARE(tree.nodes().size(), std::size_t(1));
        QCOMPARE(tree.nodes()[0].value, (1.0 + 3 * 2.0) / 4);
        QCOMPARE(tree.nodes()[0].samples, 2);
    }

    void sameSeedSameTree()
    {
        RegressionData data({{"a", 0, 0.0, 1.0}, {"b", 0, 0.0, 1.0}, {"c", 5}});
        for (int i = 0; i < 50; ++i)
            data.addRow({(i % 7) / 7.0, (i % 5) / 5.0, double(i % 5)}, (i % 7) + (i % 5));
        const std::vector<double> w(50, 1.0);
        const auto a = RegressionTree::fit(data, w, {}, 11);
        const auto b = RegressionTree::fit(data, w, {}, 11);
        QCOMPARE(a.nodes().size(), b.nodes().size());
        for (std::size_t i = 0; i < a.nodes().size(); ++i) {
            QCOMPARE(a.nodes()[i].feature, b.nodes()[i].feature);
            QCOMPARE(a.nodes()[i].threshold, b.nodes()[i].threshold);
        }
    }

    void rejectsMismatchedWeights()
    {
        RegressionData data({{"a", 0, 0.0, 1.0}});
        data.addRow({0.5}, 1.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, RegressionTree::fit(data, {1.0, 1.0}, {}, 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, RegressionTree::fit(data, {0.0}, {}, 0));
    }
};

QTEST_APPLESS_MAIN(tst_RegressionTree)
#include "tst_regressiontree.moc"
