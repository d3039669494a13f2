#include "ml/DropoutLayer.h"
#include "support/LayerGradientCheck.h"

#include <QtTest>

using namespace tw;

class tst_DropoutLayer : public QObject {
    Q_OBJECT
private slots:
    void inferenceIsIdentity()
    {
        DropoutLayer layer(5, 0.5f);
        layer.reserve(3);
        const Eigen::MatrixXf x = test::randomMatrix(5, 3, 1);
        Eigen::MatrixXf out(5, 3);
        layer.forward(nullptr, nullptr, ConstMatrixMap(x.data(), 5, 3), MatrixMap(out.data(), 5, 3), false, 1);
        QCOMPARE(out, x);
    }

    void trainingDropsAtTheRateAndRescales()
    {
        const Eigen::Index size = 100, n = 200;
        DropoutLayer layer(size, 0.3f);
        layer.reserve(n);
        const Eigen::MatrixXf x = Eigen::MatrixXf::Ones(size, n);
        Eigen::MatrixXf out(size, n);
        layer.forward(nullptr, nullptr, ConstMatrixMap(x.data(), size, n), MatrixMap(out.data(), size, n), true, 42);
        const double dropped = (out.array() == 0.0f).cast<double>().mean();
        QVERIFY(std::abs(dropped - 0.3) < 0.01);
        const float keep = 1.0f / 0.7f;
        QVERIFY(((out.array() == 0.0f) || (out.array() == keep)).all());
        // Same seed, same mask; another seed, another mask.
        Eigen::MatrixXf again(size, n);
        layer.forward(nullptr, nullptr, ConstMatrixMap(x.data(), size, n), MatrixMap(again.data(), size, n), true, 42);
        QCOMPARE(again, out);
        layer.forward(nullptr, nullptr, ConstMatrixMap(x.data(), size, n), MatrixMap(again.data(), size, n), true, 43);
        QVERIFY(again != out);
    }

    void gradientMatchesFiniteDifferences()
    {
        DropoutLayer layer(6, 0.4f);
        const Eigen::MatrixXf x = test::randomMatrix(6, 5, 2);
        const auto e = test::checkLayerGradients(layer, Eigen::VectorXf(), {}, x, 1e-3f, true, 9);
        QVERIFY2(e.input < 1e-3, qPrintable(QString("input error %1").arg(e.input)));
    }

    void badRateThrows()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, DropoutLayer(3, 1.0f));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, DropoutLayer(3, -0.1f));
    }
};

QTEST_GUILESS_MAIN(tst_DropoutLayer)
#include "tst_dropoutlayer.moc"
