#include "ml/DenseLayer.h"
#include "support/LayerGradientCheck.h"

#include <QtTest>

#include <cmath>

using namespace tw;

class tst_DenseLayer : public QObject {
    Q_OBJECT
private slots:
    void layoutIsWeightThenBias()
    {
        DenseLayer layer(3, 2, Activation::Identity, 0.0f, WeightInit::Xavier);
        QCOMPARE(layer.parameterCount(), Eigen::Index(8));
        const auto blocks = layer.parameterBlocks();
        QCOMPARE(blocks.size(), size_t(2));
        QCOMPARE(blocks[0].name, std::string("weight"));
        QVERIFY(blocks[0].isWeight);
        QCOMPARE(blocks[1].offset, Eigen::Index(6));
        QVERIFY(!blocks[1].isWeight);
    }

    void forwardIsAffineMap()
    {
        DenseLayer layer(2, 2, Activation::Identity, 0.0f, WeightInit::Xavier);
        // W = [[1, 2], [3, 4]] column-major, b = [10, 20]
        const Eigen::VectorXf p = (Eigen::VectorXf(6) << 1, 3, 2, 4, 10, 20).finished();
        Eigen::MatrixXf x(2, 1);
        x << 1, -1;
        Eigen::MatrixXf out(2, 1);
        layer.reserve(1);
        layer.forward(p.data(), nullptr, ConstMatrixMap(x.data(), 2, 1), MatrixMap(out.data(), 2, 1), false, 0);
        QCOMPARE(out(0), 1.0f - 2.0f + 10.0f);
        QCOMPARE(out(1), 3.0f - 4.0f + 20.0f);
    }

    void gradientsMatchFiniteDifferences_data()
    {
        QTest::addColumn<int>("activation");
        QTest::newRow("identity") << int(Activation::Identity);
        QTest::newRow("relu") << int(Activation::ReLU);
        QTest::newRow("leaky_relu") << int(Activation::LeakyReLU);
        QTest::newRow("tanh") << int(Activation::Tanh);
        QTest::newRow("sigmoid") << int(Activation::Sigmoid);
        QTest::newRow("gelu") << int(Activation::GELU);
    }
    void gradientsMatchFiniteDifferences()
    {
        QFETCH(int, activation);
        const auto a = static_cast<Activation>(activation);
        const Eigen::Index in = 5, out = 4, n = 6;
        DenseLayer layer(in, out, a, 0.1f, WeightInit::He);
        Eigen::VectorXf p(layer.parameterCount());
        Random rng(11);
        layer.initializeParameters(p.data(), rng);
        p.tail(out).setConstant(0.1f);  // non-zero biases take part too
        Eigen::MatrixXf x = test::randomMatrix(in, n, 5);
        // Keep every pre-activation away from ReLU's kink, where differences are meaningless.
        Eigen::MatrixXf z = ConstMatrixMap(p.data(), out, in) * x;
        z.colwise() += p.tail(out);
        QVERIFY(z.cwiseAbs().minCoeff() > 0.01f || a != Activation::ReLU);
        const auto e = test::checkLayerGradients(layer, p, {}, x, 1e-3f);
        QVERIFY2(e.parameters < 5e-3, qPrintable(QString("parameter error %1").arg(e.parameters)));
        QVERIFY2(e.input < 5e-3, qPrintable(QString("input error %1").arg(e.input)));
    }

    void heInitHasTheRightSpread()
    {
        DenseLayer layer(400, 300, Activation::ReLU, 0.0f, WeightInit::He);
        Eigen::VectorXf p(layer.parameterCount());
        Random rng(1);
        layer.initializeParameters(p.data(), rng);
        const Eigen::ArrayXf w = p.head(400 * 300).array();
        const double sd = std::sqrt((w - w.mean()).square().mean());
        QVERIFY(std::abs(sd - std::sqrt(2.0 / 400.0)) < 0.003);
        QVERIFY(std::abs(w.mean()) < 0.002);
        QVERIFY(p.tail(300).isZero());
    }

    void xavierInitIsBounded()
    {
        DenseLayer layer(100, 50, Activation::Tanh, 0.0f, WeightInit::Xavier);
        Eigen::VectorXf p(layer.parameterCount());
        Random rng(2);
        layer.initializeParameters(p.data(), rng);
        const float limit = std::sqrt(6.0f / 150.0f);
        QVERIFY(p.head(5000).cwiseAbs().maxCoeff() <= limit);
        QVERIFY(p.head(5000).cwiseAbs().maxCoeff() > 0.9f * limit);
    }

    void autoInitIsRejected()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, DenseLayer(2, 2, Activation::ReLU, 0.0f, WeightInit::Auto));
    }
};

QTEST_GUILESS_MAIN(tst_DenseLayer)
#include "tst_denselayer.moc"
