#include "samplers/YeoJohnsonTransform.h"
#include "core/Random.h"

#include <QtTest>

#include <cmath>

using tw::YeoJohnsonTransform;

namespace {

double skewness(const Eigen::VectorXd& x)
{
    const double m = x.mean();
    const double s2 = (x.array() - m).square().mean();
    return (x.array() - m).cube().mean() / std::pow(s2, 1.5);
}

} // namespace

class tst_YeoJohnsonTransform : public QObject {
    Q_OBJECT
private slots:
    void knownValues()
    {
        for (double x : {-3.0, -0.5, 0.0, 0.5, 7.0})
            QCOMPARE(YeoJohnsonTransform::transform(x, 1.0), x);
        QVERIFY(std::abs(YeoJohnsonTransform::transform(2.0, 0.0) - std::log(3.0)) < 1e-15);
        QVERIFY(std::abs(YeoJohnsonTransform::transform(-2.0, 2.0) + std::log(3.0)) < 1e-15);
        QVERIFY(std::abs(YeoJohnsonTransform::transform(3.0, 0.5) - 2.0 * (2.0 - 1.0)) < 1e-15);
        QVERIFY(std::abs(YeoJohnsonTransform::transform(-3.0, 0.5) + (std::pow(4.0, 1.5) - 1.0) / 1.5) < 1e-12);
    }
    void increasingForEveryExponent()
    {
        for (double l : {-3.0, -1.0, 0.0, 0.5, 1.0, 2.0, 3.0})
            for (double x = -5.0; x < 5.0; x += 0.25)
                QVERIFY(YeoJohnsonTransform::transform(x + 0.25, l) > YeoJohnsonTransform::transform(x, l));
    }
    void pullsInALongTail()
    {
        tw::Random rng(2);
        Eigen::VectorXd logNormal(200), normal(200);
        for (int i = 0; i < 200; ++i) {
            logNormal[i] = std::exp(1.5 * rng.normal());
            normal[i] = 3.0 + 2.0 * rng.normal();
        }
        const auto t = YeoJohnsonTransform::fit(logNormal);
        QVERIFY(t.lambda() < 0.6);
        const Eigen::VectorXd out = t.apply(logNormal);
        QVERIFY(std::abs(skewness(out)) < 0.5 * skewness(logNormal));
        QVERIFY(std::abs(out.mean()) < 1e-12);
        QVERIFY(std::abs(std::sqrt((out.array() - out.mean()).square().sum() / 199) - 1.0) < 1e-12);
        for (int i = 0; i < 200; ++i)
            for (int j = 0; j < 200; ++j)
                if (logNormal[i] < logNormal[j])
                    QVERIFY(out[i] < out[j]);
        // Gaussian data keep an exponent near 1.
        QVERIFY(std::abs(YeoJohnsonTransform::fit(normal).lambda() - 1.0) < 0.35);
    }
    void degenerateInputs()
    {
        const Eigen::VectorXd flat = Eigen::VectorXd::Constant(5, 2.0);
        const Eigen::VectorXd out = YeoJohnsonTransform::fit(flat).apply(flat);
        QVERIFY(out.cwiseAbs().maxCoeff() == 0.0);
        const Eigen::VectorXd two = Eigen::Vector2d(1.0, 3.0);
        QCOMPARE(YeoJohnsonTransform::fit(two).lambda(), 1.0);
    }
};

QTEST_GUILESS_MAIN(tst_YeoJohnsonTransform)
#include "tst_yeojohnsontransform.moc"
