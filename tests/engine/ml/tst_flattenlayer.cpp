#include "ml/FlattenLayer.h"
#include "support/LayerGradientCheck.h"

#include <QtTest>

using namespace tw;

class tst_FlattenLayer : public QObject {
    Q_OBJECT
private slots:
    void passesValuesAndGradientsThrough()
    {
        FlattenLayer layer(12);
        const Eigen::MatrixXf x = test::randomMatrix(12, 3, 1);
        Eigen::MatrixXf y(12, 3);
        layer.forward(nullptr, nullptr, ConstMatrixMap(x.data(), 12, 3), MatrixMap(y.data(), 12, 3), true, 0);
        QCOMPARE(y, x);
        const auto e = test::checkLayerGradients(layer, {}, {}, x, 1e-2f);
        QVERIFY2(e.input < 1e-4, qPrintable(QString("input error %1").arg(e.input)));
    }
};

QTEST_GUILESS_MAIN(tst_FlattenLayer)
#include "tst_flattenlayer.moc"
