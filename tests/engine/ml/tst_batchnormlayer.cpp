#include "ml/BatchNormLayer.h"
#include "support/LayerGradientCheck.h"

#include <QtTest>

#include <cmath>

using namespace tw;

class tst_BatchNormLayer : public QObject {
    Q_OBJECT
private slots:
    void trainingNormalisesEachFeature()
    {
        BatchNormLayer layer(3, Activation::Identity, 0.0f);
        Eigen::VectorXf p(6);
        Random rng(0);
        layer.initializeParameters(p.data(), rng);
        Eigen::VectorXf buffers(6);
        layer.initializeBuffers(buffers.data());
        const Eigen::MatrixXf x = test::randomMatrix(3, 50, 1, 4.0f).array() + 7.0f;
        Eigen::MatrixXf out(3, 50);
        layer.reserve(50);
        layer.forward(p.data(), buffers.data(), ConstMatrixMap(x.data(), 3, 50), MatrixMap(out.data(), 3, 50), true, 0);
        for (int i = 0; i < 3; ++i) {
            const double mean = out.row(i).cast<double>().mean();
            const double var = (out.row(i).cast<double>().array() - mean).square().mean();
            QVERIFY(std::abs(mean) < 1e-5);
            QVERIFY(std::abs(var - 1.0) < 1e-3);
        }
        // Batch statistics: the mean and the unbiased variance.
        Eigen::VectorXf stats(6);
        layer.batchStatistics(stats.data());
        const double m0 = x.row(0).cast<double>().mean();
        const double v0 = (x.row(0).cast<double>().array() - m0).square().sum() / 49.0;
        QVERIFY(std::abs(stats(0) - m0) < 1e-4);
        QVERIFY(std::abs(stats(3) - v0) < 1e-3 * v0);
    }

    void inferenceUsesRunningStatistics()
    {
        BatchNormLayer layer(2, Activation::Identity, 0.0f);
        const Eigen::VectorXf p = (Eigen::VectorXf(4) << 2, 1, 0.5f, -1).finished();  // gamma, beta
        const Eigen::VectorXf buffers = (Eigen::VectorXf(4) << 1, -1, 4, 0.25f).finished();  // mean, var
        Eigen::MatrixXf x(2, 1);
        x << 3, 0;
        Eigen::MatrixXf out(2, 1);
        layer.forward(p.data(), buffers.data(), ConstMatrixMap(x.data(), 2, 1), MatrixMap(out.data(), 2, 1), false, 0);
        const float eps = BatchNormLayer::kEpsilon;
        QVERIFY(std::abs(out(0) - (2.0f * (3 - 1) / std::sqrt(4 + eps) + 0.5f)) < 1e-5f);
        QVERIFY(std::abs(out(1) - (1.0f * (0 + 1) / std::sqrt(0.25f + eps) - 1.0f)) < 1e-5f);
    }

    void gradientsMatchFiniteDifferences_data()
    {
        QTest::addColumn<int>("activation");
        QTest::newRow("identity") << int(Activation::Identity);
        QTest::newRow("tanh") << int(Activation::Tanh);
        QTest::newRow("gelu") << int(Activation::GELU);
        QTest::newRow("sigmoid") << int(Activation::Sigmoid);
    }
    void gradientsMatchFiniteDifferences()
    {
        QFETCH(int, activation);
        BatchNormLayer layer(4, static_cast<Activation>(activation), 0.0f);
        Eigen::VectorXf p(8);
        p << 1.5f, 0.7f, -0.4f, 1.1f, 0.1f, -0.2f, 0.3f, 0.0f;
        Eigen::VectorXf buffers(8);
        layer.initializeBuffers(buffers.data());
        const Eigen::MatrixXf x = test::randomMatrix(4, 6, 8, 2.0f);
        const auto e = test::checkLayerGradients(layer, p, buffers, x, 1e-3f);
        QVERIFY2(e.parameters < 5e-3, qPrintable(QString("parameter error %1").arg(e.parameters)));
        QVERIFY2(e.input < 5e-3, qPrintable(QString("input error %1").arg(e.input)));
    }
};

QTEST_GUILESS_MAIN(tst_BatchNormLayer)
#include "tst_batchnormlayer.moc"
