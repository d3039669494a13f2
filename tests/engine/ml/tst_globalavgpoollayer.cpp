#include "ml/GlobalAvgPoolLayer.h"
#include "support/LayerGradientCheck.h"

#include <QtTest>

using namespace tw;

class tst_GlobalAvgPoolLayer : public QObject {
    Q_OBJECT
private slots:
    void averagesEachChannel()
    {
        GlobalAvgPoolLayer layer({2, 2, 3});
        QCOMPARE(layer.outputSize(), Eigen::Index(2));
        Eigen::MatrixXf x(12, 1);
        x << 1, 2, 3, 4, 5, 6, -6, -6, -6, 0, 0, 0;
        Eigen::MatrixXf y(2, 1);
        layer.forward(nullptr, nullptr, ConstMatrixMap(x.data(), 12, 1), MatrixMap(y.data(), 2, 1), true, 0);
        QCOMPARE(y(0), 3.5f);
        QCOMPARE(y(1), -3.0f);
    }

    void gradientsMatchFiniteDifferences_data()
    {
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("width");
        QTest::newRow("odd 5x3") << 5 << 3;
        QTest::newRow("even 4x4") << 4 << 4;
    }
    void gradientsMatchFiniteDifferences()
    {
        QFETCH(int, height);
        QFETCH(int, width);
        GlobalAvgPoolLayer layer({3, height, width});
        const Eigen::MatrixXf x = test::randomMatrix(layer.inputSize(), 4, 3);
        const auto e = test::checkLayerGradients(layer, {}, {}, x, 1e-2f);
        QVERIFY2(e.input < 1e-3, qPrintable(QString("input error %1").arg(e.input)));
    }
};

QTEST_GUILESS_MAIN(tst_GlobalAvgPoolLayer)
#include "tst_globalavgpoollayer.moc"
