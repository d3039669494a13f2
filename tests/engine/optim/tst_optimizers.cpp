#include "optim/AdaGrad.h"
#include "optim/Adam.h"
#include "optim/AdamW.h"
#include "optim/Momentum.h"
#include "optim/Nesterov.h"
#include "optim/OptimizerConfig.h"
#include "optim/RmsProp.h"
#include "optim/Sgd.h"

#include <QtTest>

#include <memory>

using namespace tw;

// Golden values: two steps from w0 = (1, -2) with the gradients g1 = (0.5, -0.25) and
// g2 = (-0.1, 0.4), learning rate 0.1, worked out by hand from each published rule.
namespace {

const Eigen::Vector2f kW0(1.0f, -2.0f);
const Eigen::Vector2f kG1(0.5f, -0.25f);
const Eigen::Vector2f kG2(-0.1f, 0.4f);

void checkTwoSteps(Optimizer& opt, Eigen::Vector2d after1, Eigen::Vector2d after2, double tol = 2e-6)
{
    opt.reset(2);
    Eigen::VectorXf w = kW0;
    opt.step(w, kG1);
    QVERIFY2((w.cast<double>() - after1).cwiseAbs().maxCoeff() < tol,
             qPrintable(QString("step 1: got (%1, %2)").arg(w(0), 0, 'g', 9).arg(w(1), 0, 'g', 9)));
    opt.step(w, kG2);
    QVERIFY2((w.cast<double>() - after2).cwiseAbs().maxCoeff() < tol,
             qPrintable(QString("step 2: got (%1, %2)").arg(w(0), 0, 'g', 9).arg(w(1), 0, 'g', 9)));
    QCOMPARE(opt.stepCount(), 2LL);
}

} // namespace

class tst_Optimizers : public QObject {
    Q_OBJECT
private slots:
    void sgd()
    {
        // w -= 0.1 g: 1 - 0.05 = 0.95, -2 + 0.025 = -1.975; then 0.95 + 0.01, -1.975 - 0.04.
        Sgd opt(0.1f);
        checkTwoSteps(opt, {0.95, -1.975}, {0.96, -2.015});
    }

    void momentum()
    {
        // v1 = g1 = (0.5, -0.25): w = (0.95, -1.975).
        // v2 = 0.9 v1 + g2 = (0.35, 0.175): w = (0.95 - 0.035, -1.975 - 0.0175).
        Momentum opt(0.1f, 0.9f);
        checkTwoSteps(opt, {0.95, -1.975}, {0.915, -1.9925});
    }

    void nesterov()
    {
        // v1 = (0.5, -0.25); w -= 0.1 (g1 + 0.9 v1) = 0.1 (0.95, -0.475): (0.905, -1.9525).
        // v2 = (0.35, 0.175); w -= 0.1 (g2 + 0.9 v2) = 0.1 (0.215, 0.5575): (0.8835, -2.00825).
        Nesterov opt(0.1f, 0.9f);
        checkTwoSteps(opt, {0.905, -1.9525}, {0.8835, -2.00825});
    }

    void adaGrad()
    {
        // s1 = (0.25, 0.0625): w -= 0.1 g / sqrt(s) = 0.1 (1, -1): (0.9, -1.9).
        // s2 = (0.26, 0.2225): w -= 0.1 (-0.1/0.509902, 0.4/0.471699) = (-0.0196116, 0.0848001).
        AdaGrad opt(0.1f);
        checkTwoSteps(opt, {0.9, -1.9}, {0.919611614, -1.98479983});
    }

    void rmsProp()
    {
        // v1 = 0.01 g1^2 = (0.0025, 0.000625): g / sqrt(v1) = (10, -10): w = (0, -1).
        // v2 = 0.99 v1 + 0.01 g2^2 = (0.002575, 0.00221875): w -= 0.1 (-1.970659, 8.491923).
        RmsProp opt(0.1f, 0.99f, 1e-8f);
        checkTwoSteps(opt, {0.0, -1.0}, {0.197066017, -1.84919205});
    }

    void adam()
    {
        // t=1: m = 0.1 g1, v = 0.001 g1^2, m_hat = g1, v_hat = g1^2: w -= 0.1 sign(g1) = (0.9, -1.9).
        // t=2: m = (0.035, 0.0175), v = (0.00025975, 0.00022244); m_hat = m / 0.19,
        //      v_hat = v / 0.001999: w -= 0.1 (0.5110261, 0.2761130).
        Adam opt(0.1f);
        checkTwoSteps(opt, {0.9, -1.9}, {0.848897396, -1.9276113});
    }

    void adamW()
    {
        // As Adam, after shrinking w by (1 - 0.1 * 0.01) each step:
        // t=1: (0.999 - 0.1, -1.998 + 0.1); t=2: 0.999 (0.899, -1.898) - 0.1 (0.5110261, 0.2761130).
        AdamW opt(0.1f, 0.01f);
        checkTwoSteps(opt, {0.899, -1.898}, {0.846998396, -1.9237133});
    }

    void learningRateChangesBetweenSteps()
    {
        Sgd opt(0.1f);
        opt.reset(1);
        Eigen::VectorXf w = Eigen::VectorXf::Ones(1);
        opt.setLearningRate(0.5f);
        opt.step(w, Eigen::VectorXf::Ones(1));
        QCOMPARE(w(0), 0.5f);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, opt.setLearningRate(-1.0f));
    }

    void resetRestartsState()
    {
        Adam opt(0.1f);
        opt.reset(2);
        Eigen::VectorXf w = kW0;
        opt.step(w, kG1);
        opt.reset(2);
        Eigen::VectorXf again = kW0;
        opt.step(again, kG1);
        QCOMPARE(again, w);
        QCOMPARE(opt.stepCount(), 1LL);
    }

    // The trainer steps one optimizer per slice of the parameters: with elementwise rules
    // that equals one optimizer over the whole vector, bit for bit, when the slices start
    // on a multiple of 16 floats (Eigen's scalar prologue before the first aligned packet
    // rounds without FMA, so other cuts differ in the last bit).
    void slicesEqualTheWhole_data()
    {
        QTest::addColumn<int>("kind");
        for (OptimizerKind k : {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Nesterov,
                                OptimizerKind::AdaGrad, OptimizerKind::RmsProp, OptimizerKind::Adam,
                                OptimizerKind::AdamW})
            QTest::newRow(std::string(toString(k)).c_str()) << int(k);
    }
    void slicesEqualTheWhole()
    {
        QFETCH(int, kind);
        OptimizerConfig config;
        config.kind = static_cast<OptimizerKind>(kind);
        config.learningRate = 0.01f;
        if (config.kind == OptimizerKind::AdamW)
            config.weightDecay = 0.1f;
        const Eigen::Index n = 5000;  // more than one chunk
        auto whole = config.create();
        auto left = config.create();
        auto right = config.create();
        whole->reset(n);
        left->reset(3008);
        right->reset(n - 3008);
        Eigen::VectorXf w1 = Eigen::VectorXf::LinSpaced(n, -1.0f, 1.0f);
        Eigen::VectorXf w2 = w1;
        for (int s = 0; s < 3; ++s) {
            const Eigen::VectorXf g = Eigen::VectorXf::LinSpaced(n, 0.5f, -0.3f) * static_cast<float>(s + 1);
            whole->step(w1, g);
            left->step(w2.head(3008), g.head(3008));
            right->step(w2.tail(n - 3008), g.tail(n - 3008));
        }
        QCOMPARE(w2, w1);
    }

    void misuseThrowsWithClassAndMethod()
    {
        try {
            Adam bad(0.1f, 1.0f);
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(std::string(e.what()), std::string("Adam::Adam(): beta1 must be in [0, 1)"));
        }
        Adam opt(0.1f);
        opt.reset(3);
        Eigen::VectorXf w = Eigen::VectorXf::Zero(2);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, opt.step(w, Eigen::VectorXf::Zero(2)));
        OptimizerConfig c;
        c.kind = OptimizerKind::Sgd;
        c.weightDecay = 0.01f;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, c.create());
    }

    void configNamesRoundTrip()
    {
        for (OptimizerKind k : {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Nesterov,
                                OptimizerKind::AdaGrad, OptimizerKind::RmsProp, OptimizerKind::Adam,
                                OptimizerKind::AdamW}) {
            QCOMPARE(optimizerKindFromString(toString(k)), std::optional<OptimizerKind>(k));
            OptimizerConfig c;
            c.kind = k;
            QCOMPARE(c.create()->name(), toString(k));
        }
    }
};

QTEST_GUILESS_MAIN(tst_Optimizers)
#include "tst_optimizers.moc"
