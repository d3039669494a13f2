#include "ml/AvgPool2DLayer.h"
#include "support/LayerGradientCheck.h"

#include <QtTest>

using namespace tw;

class tst_AvgPool2DLayer : public QObject {
    Q_OBJECT
private slots:
    void averagesEachWindow()
    {
        AvgPool2DLayer layer({1, 2, 5}, 2);
        QCOMPARE(layer.outputShape(), (ImageShape{1, 1, 2}));
        Eigen::MatrixXf x(10, 1);
        x << 1, 2, 3, 4, 100,
             5, 6, 7, 8, 100;
        Eigen::MatrixXf y(2, 1);
        layer.forward(nullptr, nullptr, ConstMatrixMap(x.data(), 10, 1), MatrixMap(y.data(), 2, 1), true, 0);
        QCOMPARE(y(0), 3.5f);
        QCOMPARE(y(1), 5.5f);
    }

    void gradientsMatchFiniteDifferences_data()
    {
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("pool");
        QTest::newRow("even 4x6 pool 2") << 4 << 6 << 2;
        QTest::newRow("odd 7x5 pool 2") << 7 << 5 << 2;
        QTest::newRow("odd 7x7 pool 3") << 7 << 7 << 3;
    }
    void gradientsMatchFiniteDifferences()
    {
        QFETCH(int, height);
        QFETCH(int, width);
        QFETCH(int, pool);
        AvgPool2DLayer layer({2, height, width}, pool);
        const Eigen::MatrixXf x = test::randomMatrix(layer.inputSize(), 3, 2);
        const auto e = test::checkLayerGradients(layer, {}, {}, x, 1e-2f);
        QVERIFY2(e.input < 1e-3, qPrintable(QString("input error %1").arg(e.input)));
    }
};

QTEST_GUILESS_MAIN(tst_AvgPool2DLayer)
#include "tst_avgpool2dlayer.moc"
