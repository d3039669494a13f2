#include "ml/BatchNorm2DLayer.h"
#include "support/LayerGradientCheck.h"

#include <QtTest>

#include <cmath>

using namespace tw;

class tst_BatchNorm2DLayer : public QObject {
    Q_OBJECT
private slots:
    void trainingNormalisesEachChannelOverBatchAndPositions()
    {
        const ImageShape shape{3, 4, 5};
        BatchNorm2DLayer layer(shape, Activation::Identity, 0.0f);
        Eigen::VectorXf p(6);
        Random rng(0);
        layer.initializeParameters(p.data(), rng);
        Eigen::VectorXf buffers(6);
        layer.initializeBuffers(buffers.data());
        Eigen::MatrixXf x = test::randomMatrix(shape.size(), 8, 1, 3.0f);
        x.middleRows(20, 20).array() += 5.0f;  // channel 1 off centre
        Eigen::MatrixXf out(shape.size(), 8);
        layer.reserve(8);
        layer.forward(p.data(), buffers.data(), ConstMatrixMap(x.data(), x.rows(), 8),
                      MatrixMap(out.data(), out.rows(), 8), true, 0);
        for (int c = 0; c < 3; ++c) {
            const Eigen::ArrayXXd v = out.middleRows(c * 20, 20).cast<double>().array();
            const double mean = v.mean();
            const double var = (v - mean).square().mean();
            QVERIFY(std::abs(mean) < 1e-5);
            QVERIFY(std::abs(var - 1.0) < 1e-3);
        }
        Eigen::VectorXf stats(6);
        layer.batchStatistics(stats.data());
        const Eigen::ArrayXXd c1 = x.middleRows(20, 20).cast<double>().array();
        const double m1 = c1.mean();
        const double v1 = (c1 - m1).square().sum() / (c1.size() - 1.0);  // unbiased over n x H x W
        QVERIFY(std::abs(stats(1) - m1) < 1e-4);
        QVERIFY(std::abs(stats(4) - v1) < 1e-3 * v1);
    }

    void inferenceUsesRunningStatistics()
    {
        BatchNorm2DLayer layer({2, 1, 2}, Activation::Identity, 0.0f);
        const Eigen::VectorXf p = (Eigen::VectorXf(4) << 2, 1, 0.5f, -1).finished();        // gamma, beta
        const Eigen::VectorXf buffers = (Eigen::VectorXf(4) << 1, -1, 4, 0.25f).finished();  // mean, var
        Eigen::MatrixXf x(4, 1);
        x << 3, 5, 0, 1;
        Eigen::MatrixXf out(4, 1);
        layer.forward(p.data(), buffers.data(), ConstMatrixMap(x.data(), 4, 1), MatrixMap(out.data(), 4, 1), false, 0);
        const float eps = BatchNorm2DLayer::kEpsilon;
        QVERIFY(std::abs(out(1) - (2.0f * (5 - 1) / std::sqrt(4 + eps) + 0.5f)) < 1e-5f);
        QVERIFY(std::abs(out(2) - (1.0f * (0 + 1) / std::sqrt(0.25f + eps) - 1.0f)) < 1e-5f);
    }

    void gradientsMatchFiniteDifferences_data()
    {
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("activation");
        QTest::addColumn<bool>("training");
        QTest::newRow("train odd 3x5 identity") << 3 << 5 << int(Activation::Identity) << true;
        QTest::newRow("train even 4x2 tanh") << 4 << 2 << int(Activation::Tanh) << true;
        QTest::newRow("train 1x1 gelu") << 1 << 1 << int(Activation::GELU) << true;
        QTest::newRow("eval odd 3x3 sigmoid") << 3 << 3 << int(Activation::Sigmoid) << false;
    }
    void gradientsMatchFiniteDifferences()
    {
        QFETCH(int, height);
        QFETCH(int, width);
        QFETCH(int, activation);
        QFETCH(bool, training);
        BatchNorm2DLayer layer({2, height, width}, static_cast<Activation>(activation), 0.0f);
        Eigen::VectorXf p(4);
        p << 1.5f, 0.7f, 0.1f, -0.2f;
        const Eigen::VectorXf buffers = (Eigen::VectorXf(4) << 0.3f, -0.2f, 1.5f, 0.6f).finished();
        const Eigen::MatrixXf x = test::randomMatrix(layer.inputSize(), 5, 8, 2.0f);
        const auto e = test::checkLayerGradients(layer, p, buffers, x, 1e-3f, training);
        QVERIFY2(e.parameters < 5e-3, qPrintable(QString("parameter error %1").arg(e.parameters)));
        QVERIFY2(e.input < 5e-3, qPrintable(QString("input error %1").arg(e.input)));
    }
};

QTEST_GUILESS_MAIN(tst_BatchNorm2DLayer)
#include "tst_batchnorm2dlayer.moc"
