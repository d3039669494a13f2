#include "samplers/GaussianProcess.h"
#include "core/Random.h"

#include <QtTest>

#include <cmath>

using tw::GaussianProcess;
using tw::GPHyperparameters;

namespace {

// Matérn-5/2 written out from the textbook formula, for the closed-form checks.
double matern52(double r, double signal)
{
    return signal * (1.0 + std::sqrt(5.0) * r + 5.0 / 3.0 * r * r) * std::exp(-std::sqrt(5.0) * r);
}

GPHyperparameters hyper(std::vector<double> lengthscales, double signal, double noise)
{
    GPHyperparameters h;
    h.logLengthscales.resize(static_cast<Eigen::Index>(lengthscales.size()));
    for (std::size_t i = 0; i < lengthscales.size(); ++i)
        h.logLengthscales[static_cast<Eigen::Index>(i)] = std::log(lengthscales[i]);
    h.logSignalVariance = std::log(signal);
    h.logNoiseVariance = std::log(noise);
    return h;
}

// A 3 x 3 inverse by cofactors, independent of Eigen's decompositions.
void inverse3(const double a[3][3], double inv[3][3])
{
    const double det = a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) -
                       a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0]) +
                       a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    inv[0][0] = (a[1][1] * a[2][2] - a[1][2] * a[2][1]) / det;
    inv[0][1] = (a[0][2] * a[2][1] - a[0][1] * a[2][2]) / det;
    inv[0][2] = (a[0][1] * a[1][2] - a[0][2] * a[1][1]) / det;
    inv[1][0] = (a[1][2] * a[2][0] - a[1][0] * a[2][2]) / det;
    inv[1][1] = (a[0][0] * a[2][2] - a[0][2] * a[2][0]) / det;
    inv[1][2] = (a[0][2] * a[1][0] - a[0][0] * a[1][2]) / det;
    inv[2][0] = (a[1][0] * a[2][1] - a[1][1] * a[2][0]) / det;
    inv[2][1] = (a[0][1] * a[2][0] - a[0][0] * a[2][1]) / det;
    inv[2][2] = (a[0][0] * a[1][1] - a[0][1] * a[1][0]) / det;
}

Eigen::MatrixXd randomPoints(int d, int n, tw::Random& rng)
{
    Eigen::MatrixXd x(d, n);
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < d; ++i)
            x(i, j) = rng.uniform01();
    return x;
}

} // namespace

class tst_GaussianProcess : public QObject {
    Q_OBJECT
private slots:
    void posteriorOfTwoPointsInClosedForm()
    {
        const double l = 0.5, s2 = 2.0, n2 = 0.01;
        const double x1 = 0.1, x2 = 0.7, y1 = 1.0, y2 = -0.5, xs = 0.4;
        // K^-1 of [[a, b], [b, a]] is [[a, -b], [-b, a]] / (a^2 - b^2).
        const double a = s2 + n2, b = matern52(std::abs(x1 - x2) / l, s2);
        const double det = a * a - b * b;
        const double k1 = matern52(std::abs(xs - x1) / l, s2), k2 = matern52(std::abs(xs - x2) / l, s2);
        const double w1 = (a * k1 - b * k2) / det, w2 = (-b * k1 + a * k2) / det;  // K^-1 k*
        const double mean = w1 * y1 + w2 * y2;
        const double var = s2 - (k1 * w1 + k2 * w2);
        const double lml = -0.5 * (y1 * (a * y1 - b * y2) + y2 * (-b * y1 + a * y2)) / det -
                           0.5 * std::log(det) - std::log(2.0 * M_PI);

        GaussianProcess gp(hyper({l}, s2, n2));
        Eigen::MatrixXd X(1, 2);
        X << x1, x2;
        gp.setInputs(X);
        gp.setTargets(Eigen::Vector2d(y1, y2));
        const auto p = gp.predict(Eigen::VectorXd::Constant(1, xs));
        QVERIFY(std::abs(p.mean - mean) < 1e-12);
        QVERIFY(std::abs(p.variance - var) < 1e-12);
        QVERIFY(std::abs(gp.kernel(Eigen::VectorXd::Constant(1, x1), Eigen::VectorXd::Constant(1, x2)) - b) < 1e-14);
        const double got = GaussianProcess::logMarginalLikelihood(X, Eigen::Vector2d(y1, y2), gp.hyperparameters());
        QVERIFY(std::abs(got - lml) < 1e-12);
        // Far from the data the prior comes back.
        const auto far = gp.predict(Eigen::VectorXd::Constant(1, 40.0));
        QVERIFY(std::abs(far.mean) < 1e-12);
        QVERIFY(std::abs(far.variance - s2) < 1e-12);
    }
    void posteriorOfThreePointsIn2D()
    {
        const double l0 = 0.3, l1 = 0.8, s2 = 1.5, n2 = 1e-3;
        const double pts[3][2] = {{0.1, 0.2}, {0.5, 0.9}, {0.8, 0.4}};
        const double y[3] = {0.3, -1.2, 0.7};
        const double xs[2] = {0.45, 0.5};
        auto dist = [&](const double* p, const double* q) {
            return std::sqrt(std::pow((p[0] - q[0]) / l0, 2) + std::pow((p[1] - q[1]) / l1, 2));
        };
        double K[3][3], Kinv[3][3];
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j)
                K[i][j] = matern52(dist(pts[i], pts[j]), s2) + (i == j ? n2 : 0.0);
        inverse3(K, Kinv);
        double ks[3];
        for (int i = 0; i < 3; ++i)
            ks[i] = matern52(dist(xs, pts[i]), s2);
        double mean = 0, quad = 0;
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j) {
                mean += ks[i] * Kinv[i][j] * y[j];
                quad += ks[i] * Kinv[i][j] * ks[j];
            }

        GaussianProcess gp(hyper({l0, l1}, s2, n2));
        Eigen::MatrixXd X(2, 3);
        for (int j = 0; j < 3; ++j)
            X.col(j) << pts[j][0], pts[j][1];
        gp.setInputs(X);
        gp.setTargets(Eigen::Vector3d(y[0], y[1], y[2]));
        const auto p = gp.predict(Eigen::Vector2d(xs[0], xs[1]));
        QVERIFY(std::abs(p.mean - mean) < 1e-11);
        QVERIFY(std::abs(p.variance - (s2 - quad)) < 1e-11);
        // The batch and single-point paths agree.
        Eigen::MatrixXd many(2, 2);
        many << xs[0], 0.1, xs[1], 0.2;
        Eigen::VectorXd m, v;
        gp.predictBatch(many, m, v);
        QVERIFY(std::abs(m[0] - mean) < 1e-11);
        QVERIFY(std::abs(v[0] - (s2 - quad)) < 1e-11);
        // At a data point, the mean is pulled to the target and the variance is small.
        QVERIFY(std::abs(m[1] - y[0]) < 0.01);
        QVERIFY(v[1] < 2 * n2);
    }
    void predictionGradientsMatchFiniteDifferences()
    {
        tw::Random rng(5);
        const Eigen::MatrixXd X = randomPoints(3, 12, rng);
        Eigen::VectorXd y(12);
        for (int i = 0; i < 12; ++i)
            y[i] = std::sin(5 * X(0, i)) + X(1, i) * X(2, i);
        GaussianProcess gp(hyper({0.3, 0.6, 1.2}, 1.3, 1e-4));
        gp.setInputs(X);
        gp.setTargets(y);
        const Eigen::Vector3d x(0.31, 0.52, 0.77);
        Eigen::VectorXd dm, dv;
        const auto p = gp.predict(x, dm, dv);
        const auto plain = gp.predict(x);
        QVERIFY(std::abs(p.mean - plain.mean) < 1e-12);
        const double h = 1e-6;
        for (int j = 0; j < 3; ++j) {
            Eigen::Vector3d xp = x, xm = x;
            xp[j] += h;
            xm[j] -= h;
            const auto fp = gp.predict(xp), fm = gp.predict(xm);
            QVERIFY(std::abs((fp.mean - fm.mean) / (2 * h) - dm[j]) < 1e-6 * std::max(1.0, std::abs(dm[j])));
            QVERIFY(std::abs((fp.variance - fm.variance) / (2 * h) - dv[j]) < 1e-6 * std::max(1.0, std::abs(dv[j])));
        }
    }
    void logMarginalLikelihoodGradientMatchesFiniteDifferences()
    {
        tw::Random rng(17);
        const Eigen::MatrixXd X = randomPoints(4, 25, rng);
        Eigen::VectorXd y(25);
        for (int i = 0; i < 25; ++i)
            y[i] = std::cos(4 * X(0, i)) - 2 * X(1, i) * X(1, i) + 0.1 * X(3, i);
        for (const auto& h : {hyper({0.2, 0.5, 1.0, 3.0}, 0.8, 1e-3), hyper({1.5, 0.1, 0.4, 0.7}, 2.5, 0.05)}) {
            Eigen::VectorXd grad;
            const double f = GaussianProcess::logMarginalLikelihood(X, y, h, &grad);
            QVERIFY(std::isfinite(f));
            const Eigen::VectorXd theta = h.packed();
            for (Eigen::Index j = 0; j < theta.size(); ++j) {
                const double step = 1e-5;
                Eigen::VectorXd tp = theta, tm = theta;
                tp[j] += step;
                tm[j] -= step;
                const double fd = (GaussianProcess::logMarginalLikelihood(X, y, GPHyperparameters::fromPacked(tp)) -
                                   GaussianProcess::logMarginalLikelihood(X, y, GPHyperparameters::fromPacked(tm))) /
                                  (2 * step);
                QVERIFY2(std::abs(fd - grad[j]) < 1e-5 * std::max(1.0, std::abs(fd)),
                         qPrintable(QString("parameter %1: analytic %2, finite difference %3").arg(j).arg(grad[j]).arg(fd)));
            }
        }
    }
    void rankOneExtensionEqualsAFullFactorization()
    {
        tw::Random rng(3);
        const Eigen::MatrixXd X = randomPoints(5, 40, rng);
        Eigen::VectorXd y = Eigen::VectorXd::Random(40);
        const auto h = hyper({0.4, 0.5, 0.6, 0.7, 0.8}, 1.2, 1e-5);
        GaussianProcess full(h), grown(h);
        full.setInputs(X);
        full.setTargets(y);
        grown.setInputs(X.leftCols(10));
        for (int i = 10; i < 40; ++i)
            grown.appendInput(X.col(i));
        grown.setTargets(y);
        QCOMPARE(grown.size(), 40);
        QVERIFY((grown.factor() - full.factor()).cwiseAbs().maxCoeff() < 1e-10);
        const Eigen::VectorXd x = Eigen::VectorXd::Constant(5, 0.5);
        QVERIFY(std::abs(grown.predict(x).mean - full.predict(x).mean) < 1e-10);
        QVERIFY(std::abs(grown.predict(x).variance - full.predict(x).variance) < 1e-10);
        // Truncating gives the GP of the leading inputs.
        GaussianProcess head(h);
        head.setInputs(X.leftCols(25));
        head.setTargets(y.head(25));
        grown.truncate(25);
        grown.setTargets(y.head(25));
        QVERIFY((grown.factor() - head.factor()).cwiseAbs().maxCoeff() < 1e-10);
        QVERIFY(std::abs(grown.predict(x).mean - head.predict(x).mean) < 1e-10);
        // Growing again after a truncation overwrites the dropped rows.
        for (int i = 25; i < 40; ++i)
            grown.appendInput(X.col(i));
        grown.setTargets(y);
        QVERIFY((grown.factor() - full.factor()).cwiseAbs().maxCoeff() < 1e-10);
    }
    void duplicatesStayFactorizable()
    {
        const auto h = hyper({0.5}, 1.0, 1e-6);
        GaussianProcess gp(h);
        Eigen::MatrixXd X(1, 3);
        X << 0.3, 0.3, 0.3;
        gp.setInputs(X);
        gp.appendInput(Eigen::VectorXd::Constant(1, 0.3));
        gp.setTargets(Eigen::Vector4d(1, 1, 1, 1));
        const auto p = gp.predict(Eigen::VectorXd::Constant(1, 0.3));
        QVERIFY(std::isfinite(p.mean) && std::isfinite(p.variance));
        QVERIFY(std::abs(p.mean - 1.0) < 1e-3);
    }
    void newHyperparametersKeepTheInputs()
    {
        tw::Random rng(8);
        const Eigen::MatrixXd X = randomPoints(2, 8, rng);
        const Eigen::VectorXd y = Eigen::VectorXd::LinSpaced(8, -1, 1);
        GaussianProcess a(hyper({0.3, 0.3}, 1.0, 1e-4)), b(hyper({0.9, 0.2}, 2.0, 1e-3));
        a.setInputs(X);
        a.setHyperparameters(b.hyperparameters());
        b.setInputs(X);
        a.setTargets(y);
        b.setTargets(y);
        QVERIFY((a.factor() - b.factor()).cwiseAbs().maxCoeff() < 1e-12);
        QVERIFY_THROWS_EXCEPTION(std::logic_error, GaussianProcess(b.hyperparameters()).predict(Eigen::Vector2d(0, 0)));
    }
};

QTEST_GUILESS_MAIN(tst_GaussianProcess)
#include "tst_gaussianprocess.moc"
