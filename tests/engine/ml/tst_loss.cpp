#include "ml/BinaryCrossEntropyLoss.h"
#include "ml/HuberLoss.h"
#include "ml/Loss.h"
#include "ml/MseLoss.h"
#include "ml/SoftmaxCrossEntropyLoss.h"
#include "support/GradientCheck.h"

#include <QtTest>

#include <cmath>

using namespace tw;

namespace {

double gradientError(const Loss& loss, const Eigen::MatrixXf& z, const LossTargets& t)
{
    const Eigen::Index rows = z.rows(), cols = z.cols();
    Eigen::MatrixXf grad(rows, cols);
    loss.evaluate(z, t, grad.data(), 1.0f);
    const auto objective = [&](const Eigen::VectorXf& flat) {
        return loss.evaluate(Eigen::Map<const Eigen::MatrixXf>(flat.data(), rows, cols), t, nullptr, 1.0f);
    };
    const Eigen::VectorXf flat = Eigen::Map<const Eigen::VectorXf>(z.data(), z.size());
    return test::maxRelativeError(Eigen::Map<const Eigen::VectorXf>(grad.data(), grad.size()),
                                  test::numericGradient(objective, flat, 1e-3f));
}

} // namespace

class tst_Loss : public QObject {
    Q_OBJECT
private slots:
    void autoPicksTheNaturalLoss()
    {
        QVERIFY(Loss::create({}, OutputKind::Identity)->kind() == LossKind::Mse);
        QVERIFY(Loss::create({}, OutputKind::Sigmoid)->kind() == LossKind::BinaryCrossEntropy);
        QVERIFY(Loss::create({}, OutputKind::Softmax)->kind() == LossKind::SoftmaxCrossEntropy);
        LossConfig mse;
        mse.kind = LossKind::Mse;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Loss::create(mse, OutputKind::Softmax));
        for (LossKind k : {LossKind::Auto, LossKind::Mse, LossKind::Huber, LossKind::BinaryCrossEntropy,
                           LossKind::SoftmaxCrossEntropy})
            QCOMPARE(lossKindFromString(toString(k)), std::optional<LossKind>(k));
    }

    void mseValueAndGradient()
    {
        const MseLoss loss;
        Eigen::MatrixXf z(1, 3);
        z << 1.0f, 2.0f, -1.0f;
        const float y[3] = {0.0f, 2.0f, 1.0f};
        float g[3];
        QCOMPARE(loss.evaluate(z, {y, nullptr}, g, 0.5f), 1.0 + 0.0 + 4.0);
        QCOMPARE(g[0], 1.0f);  // 0.5 * 2 * (1 - 0)
        QCOMPARE(g[2], -2.0f);
        QVERIFY(gradientError(loss, z, {y, nullptr}) < 1e-3);
    }

    void huberIsQuadraticThenLinear()
    {
        const HuberLoss loss(1.0f);
        Eigen::MatrixXf z(1, 3);
        z << 0.5f, 3.0f, -4.0f;
        const float y[3] = {0.0f, 0.0f, 0.0f};
        // 0.5 * 0.25 + (3 - 0.5) + (4 - 0.5)
        QVERIFY(std::abs(loss.evaluate(z, {y, nullptr}, nullptr, 1.0f) - (0.125 + 2.5 + 3.5)) < 1e-6);
        QVERIFY(gradientError(loss, z, {y, nullptr}) < 1e-3);
    }

    void binaryCrossEntropyIsStable()
    {
        const BinaryCrossEntropyLoss loss;
        Eigen::MatrixXf z(1, 4);
        z << 0.0f, 2.0f, -3.0f, 1000.0f;
        const float y[4] = {1.0f, 0.0f, 1.0f, 1.0f};
        const double expected = std::log(2.0) + (2.0 + std::log1p(std::exp(-2.0))) + (3.0 + std::log1p(std::exp(-3.0))) + 0.0;
        QVERIFY(std::abs(loss.evaluate(z, {y, nullptr}, nullptr, 1.0f) - expected) < 1e-5);
        // A confidently wrong huge logit is large but finite.
        const float wrong[1] = {0.0f};
        Eigen::MatrixXf big(1, 1);
        big << 1e30f;
        QVERIFY(std::isfinite(loss.evaluate(big, {wrong, nullptr}, nullptr, 1.0f)));
        Eigen::MatrixXf moderate(1, 4);
        moderate << 0.3f, -1.2f, 2.5f, -0.1f;
        QVERIFY(gradientError(loss, moderate, {y, nullptr}) < 1e-3);
    }

    void softmaxCrossEntropyValues()
    {
        const SoftmaxCrossEntropyLoss loss;
        // Equal logits: log k whatever the class.
        const Eigen::MatrixXf z = Eigen::MatrixXf::Constant(4, 2, 3.0f);
        const float y[2] = {0.0f, 3.0f};
        QVERIFY(std::abs(loss.evaluate(z, {y, nullptr}, nullptr, 1.0f) - 2.0 * std::log(4.0)) < 1e-6);
        // Huge logits stay finite and exact: the log-sum-exp is taken relative to the max.
        Eigen::MatrixXf big(3, 1);
        big << 1e4f, 0.0f, -1e4f;
        const float c0[1] = {0.0f}, c1[1] = {1.0f};
        QVERIFY(loss.evaluate(big, {c0, nullptr}, nullptr, 1.0f) < 1e-6);
        QVERIFY(std::abs(loss.evaluate(big, {c1, nullptr}, nullptr, 1.0f) - 1e4) < 1e-2);
        const Eigen::MatrixXf r = test::randomMatrix(5, 3, 12, 2.0f);
        const float labels[3] = {4.0f, 0.0f, 2.0f};
        QVERIFY(gradientError(loss, r, {labels, nullptr}) < 1e-3);
    }

    void labelSmoothingMixesInTheUniformDistribution()
    {
        const SoftmaxCrossEntropyLoss smooth(0.2f);
        Eigen::MatrixXf z(3, 1);
        z << 2.0f, 0.0f, -1.0f;
        const float y[1] = {0.0f};
        const Eigen::ArrayXd logp = z.cast<double>().array() - std::log(z.cast<double>().array().exp().sum());
        // target (0.8 + 0.2/3, 0.2/3, 0.2/3)
        const double expected = -((0.8 + 0.2 / 3) * logp(0) + 0.2 / 3 * logp(1) + 0.2 / 3 * logp(2));
        QVERIFY(std::abs(smooth.evaluate(z, {y, nullptr}, nullptr, 1.0f) - expected) < 1e-5);
        const Eigen::MatrixXf r = test::randomMatrix(3, 4, 2);
        const float labels[4] = {0.0f, 1.0f, 2.0f, 1.0f};
        QVERIFY(gradientError(smooth, r, {labels, nullptr}) < 1e-3);
    }

    void softTargetsMatchOneHotAndMix()
    {
        const SoftmaxCrossEntropyLoss loss(0.1f);
        const Eigen::MatrixXf z = test::randomMatrix(3, 2, 21, 2.0f);
        const float labels[2] = {2.0f, 0.0f};
        Eigen::MatrixXf oneHot = Eigen::MatrixXf::Zero(3, 2);
        oneHot(2, 0) = 1.0f;
        oneHot(0, 1) = 1.0f;
        Eigen::MatrixXf g1(3, 2), g2(3, 2);
        const double hard = loss.evaluate(z, {labels, nullptr}, g1.data(), 1.0f);
        const double soft = loss.evaluate(z, {labels, oneHot.data()}, g2.data(), 1.0f);
        QCOMPARE(soft, hard);
        QCOMPARE(g2, g1);
        // A 70/30 mixture's loss is the mixture of the two losses.
        Eigen::MatrixXf mix(3, 1);
        mix << 0.7f, 0.3f, 0.0f;
        const float c0[1] = {0.0f}, c1[1] = {1.0f};
        const SoftmaxCrossEntropyLoss plain;
        const Eigen::MatrixXf z0 = z.col(0);
        const double mixed = plain.evaluate(z0, {c0, mix.data()}, nullptr, 1.0f);
        const double blend = 0.7 * plain.evaluate(z0, {c0, nullptr}, nullptr, 1.0f)
                           + 0.3 * plain.evaluate(z0, {c1, nullptr}, nullptr, 1.0f);
        QVERIFY(std::abs(mixed - blend) < 1e-5);
        QVERIFY(gradientError(plain, z0, {c0, mix.data()}) < 1e-3);
        // Binary cross-entropy reads P(1) from the second row of 2 x n soft targets.
        const BinaryCrossEntropyLoss bce;
        Eigen::MatrixXf zb(1, 1);
        zb << 0.4f;
        Eigen::MatrixXf softB(2, 1);
        softB << 0.25f, 0.75f;
        const float p1[1] = {0.75f};
        QCOMPARE(bce.evaluate(zb, {c0, softB.data()}, nullptr, 1.0f), bce.evaluate(zb, {p1, nullptr}, nullptr, 1.0f));
    }
};

QTEST_GUILESS_MAIN(tst_Loss)
#include "tst_loss.moc"
