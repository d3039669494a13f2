#include "ml/Activation.h"
#include "support/GradientCheck.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace tw;

class tst_Activation : public QObject {
    Q_OBJECT
private slots:
    void namesRoundTrip()
    {
        for (Activation a : {Activation::Identity, Activation::ReLU, Activation::LeakyReLU, Activation::Tanh,
                             Activation::Sigmoid, Activation::GELU})
            QCOMPARE(activationFromString(toString(a)), std::optional<Activation>(a));
        QVERIFY(!activationFromString("swish"));
    }

    void knownValues()
    {
        Eigen::MatrixXf z(6, 1);
        z << -2.0f, -0.5f, 0.0f, 0.5f, 1.0f, 3.0f;
        const auto apply = [&](Activation a) {
            Eigen::MatrixXf y = z;
            applyActivation(a, 0.1f, y, nullptr, nullptr);
            return y;
        };
        const Eigen::MatrixXf relu = apply(Activation::ReLU);
        QCOMPARE(relu(0), 0.0f);
        QCOMPARE(relu(4), 1.0f);
        const Eigen::MatrixXf leaky = apply(Activation::LeakyReLU);
        QCOMPARE(leaky(0), -0.2f);
        QCOMPARE(leaky(5), 3.0f);
        const Eigen::MatrixXf sig = apply(Activation::Sigmoid);
        QCOMPARE(sig(2), 0.5f);
        QVERIFY(std::abs(sig(4) - 0.7310585786f) < 1e-6f);
        const Eigen::MatrixXf th = apply(Activation::Tanh);
        QVERIFY(std::abs(th(3) - std::tanh(0.5f)) < 1e-6f);
        // GELU(x) = x Phi(x): Phi(1) = 0.8413447, Phi(-0.5) = 0.3085375.
        const Eigen::MatrixXf gelu = apply(Activation::GELU);
        QVERIFY(std::abs(gelu(4) - 0.8413447f) < 1e-6f);
        QVERIFY(std::abs(gelu(1) - (-0.5f * 0.3085375f)) < 1e-6f);
        QCOMPARE(apply(Activation::Identity), z);
    }

    void biasIsAddedPerRowAndPreActivationKept()
    {
        Eigen::MatrixXf z = Eigen::MatrixXf::Zero(2, 3);
        const float bias[2] = {1.0f, -1.0f};
        Eigen::MatrixXf pre(2, 3);
        applyActivation(Activation::ReLU, 0.0f, z, bias, pre.data());
        for (int j = 0; j < 3; ++j) {
            QCOMPARE(z(0, j), 1.0f);
            QCOMPARE(z(1, j), 0.0f);
            QCOMPARE(pre(1, j), -1.0f);
        }
    }

    // Every activation's derivative against central differences, on points away from
    // ReLU's kink.
    // Every element of a tall matrix (packet path and the scalar tail) gets the masked
    // gradient, and an infinite gradient on a unit that is off passes as 0, never NaN.
    void reluBackwardMasksEveryElement()
    {
        const Eigen::Index rows = 37, cols = 5;
        Eigen::MatrixXf y(rows, cols), g(rows, cols);
        for (Eigen::Index i = 0; i < y.size(); ++i) {
            y.data()[i] = (i * 7 % 3 == 0) ? 0.0f : 0.25f * static_cast<float>(i % 5 + 1);
            g.data()[i] = 1.0f + static_cast<float>(i);
        }
        g(0, 0) = std::numeric_limits<float>::infinity();
        QCOMPARE(y(0, 0), 0.0f);
        for (Activation a : {Activation::ReLU, Activation::LeakyReLU}) {
            Eigen::MatrixXf d = g;
            multiplyActivationDerivative(a, 0.1f, y, nullptr, d);
            for (Eigen::Index i = 0; i < y.size(); ++i) {
                const float slope = a == Activation::ReLU ? 0.0f : 0.1f;
                const float expected = y.data()[i] > 0.0f ? g.data()[i] : g.data()[i] * slope;
                if (i == 0 && a == Activation::ReLU)
                    QCOMPARE(d.data()[i], 0.0f);
                else
                    QCOMPARE(d.data()[i], expected);
            }
        }
    }

    void derivativeMatchesFiniteDifferences_data()
    {
        QTest::addColumn<int>("activation");
        QTest::newRow("identity") << int(Activation::Identity);
        QTest::newRow("relu") << int(Activation::ReLU);
        QTest::newRow("leaky_relu") << int(Activation::LeakyReLU);
        QTest::newRow("tanh") << int(Activation::Tanh);
        QTest::newRow("sigmoid") << int(Activation::Sigmoid);
        QTest::newRow("gelu") << int(Activation::GELU);
    }
    void derivativeMatchesFiniteDifferences()
    {
        QFETCH(int, activation);
        const auto a = static_cast<Activation>(activation);
        const int rows = 7, cols = 5;
        Eigen::MatrixXf z = test::randomMatrix(rows, cols, 3, 3.0f);
        for (Eigen::Index i = 0; i < z.size(); ++i)
            if (std::abs(z.data()[i]) < 0.05f)
                z.data()[i] = 0.3f;
        const Eigen::MatrixXf r = test::randomMatrix(rows, cols, 4);
        const auto objective = [&](const Eigen::VectorXf& flat) {
            Eigen::MatrixXf y = Eigen::Map<const Eigen::MatrixXf>(flat.data(), rows, cols);
            applyActivation(a, 0.1f, y, nullptr, nullptr);
            return test::weightedSum(y, r);
        };
        Eigen::MatrixXf y = z;
        Eigen::MatrixXf pre(rows, cols);
        applyActivation(a, 0.1f, y, nullptr, pre.data());
        Eigen::MatrixXf grad = r;
        multiplyActivationDerivative(a, 0.1f, y, pre.data(), grad);
        const Eigen::VectorXf flat = Eigen::Map<const Eigen::VectorXf>(z.data(), z.size());
        const Eigen::VectorXd numeric = test::numericGradient(objective, flat, 1e-3f);
        const double err = test::maxRelativeError(Eigen::Map<const Eigen::VectorXf>(grad.data(), grad.size()), numeric);
        QVERIFY2(err < 2e-3, qPrintable(QString("max relative error %1").arg(err)));
    }
};

QTEST_GUILESS_MAIN(tst_Activation)
#include "tst_activation.moc"
