#include "ml/MaxPool2DLayer.h"
#include "core/Random.h"
#include "support/LayerGradientCheck.h"

#include <QtTest>

#include <numeric>

using namespace tw;

class tst_MaxPool2DLayer : public QObject {
    Q_OBJECT
private slots:
    void takesEachWindowsMaximum()
    {
        // 1 x 3 x 5 map, pool 2: floor mode drops the last row and column.
        MaxPool2DLayer layer({1, 3, 5}, 2);
        QCOMPARE(layer.outputShape(), (ImageShape{1, 1, 2}));
        Eigen::MatrixXf x(15, 1);
        x << 1, 5, 2, 0, 9,
             3, 4, 8, 1, 9,
             9, 9, 9, 9, 9;
        Eigen::MatrixXf y(2, 1);
        layer.reserve(1);
        layer.forward(nullptr, nullptr, ConstMatrixMap(x.data(), 15, 1), MatrixMap(y.data(), 2, 1), true, 0);
        QCOMPARE(y(0), 5.0f);
        QCOMPARE(y(1), 8.0f);
        // The gradient goes to the arg-max only.
        Eigen::MatrixXf g(2, 1);
        g << 1.5f, -2.0f;
        Eigen::MatrixXf dx(15, 1);
        layer.backward(nullptr, ConstMatrixMap(x.data(), 15, 1), ConstMatrixMap(y.data(), 2, 1),
                       MatrixMap(g.data(), 2, 1), dx.data(), nullptr);
        QCOMPARE(dx(1), 1.5f);
        QCOMPARE(dx(7), -2.0f);
        QCOMPARE(dx.cwiseAbs().sum(), 3.5f);
    }

    void gradientsMatchFiniteDifferences_data()
    {
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("pool");
        QTest::newRow("even 6x4 pool 2") << 6 << 4 << 2;
        QTest::newRow("odd 7x5 pool 2") << 7 << 5 << 2;
        QTest::newRow("odd 9x9 pool 3") << 9 << 9 << 3;
    }
    void gradientsMatchFiniteDifferences()
    {
        QFETCH(int, height);
        QFETCH(int, width);
        QFETCH(int, pool);
        MaxPool2DLayer layer({3, height, width}, pool);
        // Distinct values (a shuffled ramp, 0.1 apart): no tie within the step.
        Eigen::MatrixXf x(layer.inputSize(), 2);
        std::vector<int> order(static_cast<size_t>(x.size()));
        std::iota(order.begin(), order.end(), 0);
        tw::Random g(5);
        g.shuffle(order);
        for (Eigen::Index i = 0; i < x.size(); ++i)
            x.data()[i] = 0.1f * static_cast<float>(order[static_cast<size_t>(i)]);
        const auto e = test::checkLayerGradients(layer, {}, {}, x, 1e-2f);
        QVERIFY2(e.input < 1e-3, qPrintable(QString("input error %1").arg(e.input)));
    }

    // Pool 2 has its own branch-free loop: the same maxima and, on ties, the same first
    // element in scan order as a plain reference, in training and in inference.
    void poolTwoMatchesTheReferenceWithTies_data()
    {
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("width");
        QTest::newRow("3 wide: scalar windows only") << 7 << 6;
        QTest::newRow("15 wide: 8 + 4 vector windows and a tail of 3") << 6 << 30;
        QTest::newRow("odd 31 wide with a remainder row") << 9 << 31;
    }
    void poolTwoMatchesTheReferenceWithTies()
    {
        QFETCH(int, height);
        QFETCH(int, width);
        const ImageShape shape{3, height, width};
        MaxPool2DLayer layer(shape, 2);
        const ImageShape o = layer.outputShape();
        const Eigen::Index n = 4;
        Eigen::MatrixXf x(layer.inputSize(), n);
        tw::Random g(11);
        for (Eigen::Index i = 0; i < x.size(); ++i)
            x.data()[i] = static_cast<float>(g.below(3));  // three values: ties everywhere
        layer.reserve(n);
        Eigen::MatrixXf y(layer.outputSize(), n), yEval(layer.outputSize(), n);
        layer.forward(nullptr, nullptr, ConstMatrixMap(x.data(), x.rows(), n), MatrixMap(yEval.data(), y.rows(), n),
                      false, 0);
        layer.forward(nullptr, nullptr, ConstMatrixMap(x.data(), x.rows(), n), MatrixMap(y.data(), y.rows(), n), true, 0);
        QCOMPARE(yEval, y);
        Eigen::MatrixXf ones = Eigen::MatrixXf::Ones(y.rows(), n);
        Eigen::MatrixXf dx(x.rows(), n);
        layer.backward(nullptr, ConstMatrixMap(x.data(), x.rows(), n), ConstMatrixMap(y.data(), y.rows(), n),
                       MatrixMap(ones.data(), y.rows(), n), dx.data(), nullptr);
        Eigen::MatrixXf expectDx = Eigen::MatrixXf::Zero(x.rows(), n);
        for (Eigen::Index j = 0; j < n; ++j)
            for (int c = 0; c < o.channels; ++c)
                for (int oy = 0; oy < o.height; ++oy)
                    for (int ox = 0; ox < o.width; ++ox) {
                        Eigen::Index best = (c * shape.height + 2 * oy) * shape.width + 2 * ox;
                        for (int dy = 0; dy < 2; ++dy)
                            for (int dxi = 0; dxi < 2; ++dxi) {
                                const Eigen::Index at = (c * shape.height + 2 * oy + dy) * shape.width + 2 * ox + dxi;
                                if (x(at, j) > x(best, j))
                                    best = at;
                            }
                        QCOMPARE(y((c * o.height + oy) * o.width + ox, j), x(best, j));
                        expectDx(best, j) += 1.0f;
                    }
        QCOMPARE(dx, expectDx);
    }
};

QTEST_GUILESS_MAIN(tst_MaxPool2DLayer)
#include "tst_maxpool2dlayer.moc"
