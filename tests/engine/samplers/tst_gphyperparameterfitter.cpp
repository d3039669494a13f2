#include "samplers/GPHyperparameterFitter.h"
#include "core/Random.h"

#include <QtTest>

#include <cmath>

using tw::GaussianProcess;
using tw::GPHyperparameterFitter;
using tw::GPHyperparameters;

namespace {

double logPosterior(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const GPHyperparameters& h)
{
    return GaussianProcess::logMarginalLikelihood(X, y, h) + GPHyperparameterFitter::logPrior(h);
}

Eigen::VectorXd standardized(Eigen::VectorXd y)
{
    const double m = y.mean();
    const double sd = std::sqrt((y.array() - m).square().sum() / (y.size() - 1));
    return (y.array() - m) / sd;
}

} // namespace

class tst_GPHyperparameterFitter : public QObject {
    Q_OBJECT
private slots:
    void logPriorGradientMatchesFiniteDifferences()
    {
        GPHyperparameters h;
        h.logLengthscales = Eigen::Vector3d(-1.5, 0.2, 1.1);
        h.logSignalVariance = 0.4;
        h.logNoiseVariance = -5.0;
        Eigen::VectorXd grad;
        GPHyperparameterFitter::logPrior(h, &grad);
        const Eigen::VectorXd theta = h.packed();
        for (Eigen::Index j = 0; j < theta.size(); ++j) {
            Eigen::VectorXd tp = theta, tm = theta;
            tp[j] += 1e-6;
            tm[j] -= 1e-6;
            const double fd = (GPHyperparameterFitter::logPrior(GPHyperparameters::fromPacked(tp)) -
                               GPHyperparameterFitter::logPrior(GPHyperparameters::fromPacked(tm))) / 2e-6;
            QVERIFY(std::abs(fd - grad[j]) < 1e-6 * std::max(1.0, std::abs(fd)));
        }
    }
    void findsWhichDimensionMatters()
    {
        // y depends on x0 only: x0 gets a short lengthscale, x1 a long one.
        tw::Random rng(1);
        Eigen::MatrixXd X(2, 40);
        Eigen::VectorXd y(40);
        for (int i = 0; i < 40; ++i) {
            X(0, i) = rng.uniform01();
            X(1, i) = rng.uniform01();
            y[i] = std::sin(6 * X(0, i));
        }
        y = standardized(y);
        const GPHyperparameterFitter fitter;
        const auto start = fitter.defaultStart(2);
        const auto result = fitter.fit(X, y, {start});
        const auto& h = result.hyperparameters;
        QVERIFY2(h.logLengthscales[1] - h.logLengthscales[0] > std::log(3.0),
                 qPrintable(QString("lengthscales %1 %2").arg(std::exp(h.logLengthscales[0])).arg(std::exp(h.logLengthscales[1]))));
        QVERIFY(result.logPosterior > logPosterior(X, y, start) + 1.0);
        QVERIFY(std::abs(result.logPosterior - logPosterior(X, y, h)) < 1e-9 * std::abs(result.logPosterior));
        // A noiseless function gets a small noise variance.
        QVERIFY(std::exp(h.logNoiseVariance) < 1e-2);
    }
    void neverWorseThanItsStarts()
    {
        tw::Random rng(7);
        const GPHyperparameterFitter fitter;
        for (int trial = 0; trial < 6; ++trial) {
            const int d = 1 + trial % 4, n = 5 + 7 * trial;
            Eigen::MatrixXd X(d, n);
            Eigen::VectorXd y(n);
            for (int i = 0; i < n; ++i) {
                for (int j = 0; j < d; ++j)
                    X(j, i) = rng.uniform01();
                // Some rough, some duplicated inputs.
                if (i % 5 == 4)
                    X.col(i) = X.col(i - 1);
                y[i] = std::pow(X(0, i) - 0.3, 2) + (trial % 2 ? 0.3 * rng.uniform01() : 0.0) + (i % 7 == 0 ? 3.0 : 0.0);
            }
            y = standardized(y);
            GPHyperparameters odd = fitter.defaultStart(d);
            odd.logLengthscales.setConstant(std::log(50.0));
            odd.logNoiseVariance = std::log(0.5);
            const auto result = fitter.fit(X, y, {fitter.defaultStart(d), odd});
            for (const auto& s : {fitter.defaultStart(d), odd})
                QVERIFY(result.logPosterior >= logPosterior(X, y, s) - 1e-9);
            QVERIFY(result.evaluations > 0);
        }
    }
    void aFixedNoiseStaysAtItsFloor()
    {
        GPHyperparameterFitter::Options o;
        o.fixedNoise = true;
        o.minNoiseVariance = 1e-5;
        const GPHyperparameterFitter fitter(o);
        Eigen::MatrixXd X(1, 6);
        X << 0.0, 0.2, 0.4, 0.6, 0.8, 1.0;
        const Eigen::VectorXd y = standardized((Eigen::VectorXd(6) << 1, 3, 2, 5, 4, 6).finished());
        const auto r = fitter.fit(X, y, {fitter.defaultStart(1)});
        QVERIFY(std::abs(std::exp(r.hyperparameters.logNoiseVariance) - 1e-5) < 1e-12);
        // Bounds hold for the rest.
        QVERIFY(r.hyperparameters.logLengthscales[0] >= std::log(o.minLengthscale) - 1e-12);
        QVERIFY(r.hyperparameters.logLengthscales[0] <= std::log(o.maxLengthscale) + 1e-12);
    }
    void aThrowingLineSearchKeepsTheBestPointSeen()
    {
        // A straight line with the noise pinned near zero drives the lengthscale up until K
        // is numerically singular; LBFGSpp 0.1's More-Thuente line search then throws.
        GPHyperparameterFitter::Options o;
        o.fixedNoise = true;
        o.minNoiseVariance = 1e-10;
        o.maxLengthscale = 1e3;
        const GPHyperparameterFitter fitter(o);
        Eigen::MatrixXd X(1, 30);
        Eigen::VectorXd y(30);
        for (int i = 0; i < 30; ++i) {
            X(0, i) = i / 29.0;
            y[i] = 2 * X(0, i) - 1;
        }
        GPHyperparameters start = fitter.defaultStart(1);
        start.logLengthscales[0] = std::log(0.05);
        const auto r = fitter.fit(X, y, {start});
        QVERIFY(std::isfinite(r.logPosterior));
        QVERIFY(r.logPosterior > logPosterior(X, y, start) + 100.0);
        QVERIFY(std::abs(r.logPosterior - logPosterior(X, y, r.hyperparameters)) < 1e-9 * std::abs(r.logPosterior));
        if (r.lineSearchFailures == 0)
            QSKIP("this LBFGSpp finished without throwing: the catch path was not exercised");
        QCOMPARE(r.lineSearchFailures, 1);
    }
    void rejectsBadOptions()
    {
        GPHyperparameterFitter::Options o;
        o.minLengthscale = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, GPHyperparameterFitter{o});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 GPHyperparameterFitter().fit(Eigen::MatrixXd(1, 2), Eigen::VectorXd(2), {}));
    }
};

QTEST_GUILESS_MAIN(tst_GPHyperparameterFitter)
#include "tst_gphyperparameterfitter.moc"
