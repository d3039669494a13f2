#include "samplers/ParzenEstimator.h"

#include <QtTest>
#include <cmath>

using tw::Distribution;
using tw::ParzenBandwidth;
using tw::ParzenEstimator;
using tw::ParzenEstimatorOptions;

namespace {

double phi(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

// Scalar on purpose: Eigen's vectorised exp trips a GCC 12 AVX-512 false warning.
double sumExp(const Eigen::VectorXd& v)
{
    double s = 0.0;
    for (double x : v)
        s += std::exp(x);
    return s;
}

Eigen::MatrixXd row(std::initializer_list<double> values)
{
    Eigen::MatrixXd m(1, static_cast<Eigen::Index>(values.size()));
    Eigen::Index i = 0;
    for (double v : values)
        m(0, i++) = v;
    return m;
}

// Integral of exp(logPdf) over the unit coordinate of a one-dimensional estimator
// (midpoint rule, fine enough for kernels no narrower than the magic clip allows).
double integrateUnit(const ParzenEstimator& pe, const Distribution& d, int cells = 20000)
{
    Eigen::MatrixXd pts(1, cells);
    for (int i = 0; i < cells; ++i)
        pts(0, i) = d.fromUnit((i + 0.5) / cells);
    Eigen::VectorXd lp;
    pe.logPdf(pts, lp);
    return sumExp(lp) / cells;
}

double sumOverGrid(const ParzenEstimator& pe, const Distribution& d)
{
    const long long n = d.cardinality();
    Eigen::MatrixXd pts(1, n);
    for (long long i = 0; i < n; ++i)
        pts(0, i) = d.kind() == Distribution::Kind::Categorical ? static_cast<double>(i)
                                                                 : d.low() + static_cast<double>(i) * d.step();
    Eigen::VectorXd lp;
    pe.logPdf(pts, lp);
    return sumExp(lp);
}

} // namespace

class tst_ParzenEstimator : public QObject {
    Q_OBJECT
private slots:
    void logNormalMassMatchesDirectAndTails()
    {
        QVERIFY(std::abs(ParzenEstimator::logNormalMass(-1, 1) - std::log(phi(1) - phi(-1))) < 1e-13);
        QVERIFY(std::abs(ParzenEstimator::logNormalMass(0.3, 2.5) - std::log(phi(2.5) - phi(0.3))) < 1e-12);
        QVERIFY(std::abs(ParzenEstimator::logNormalMass(-3, -2) - std::log(phi(-2) - phi(-3))) < 1e-12);
        // The upper tail, where 1 - Phi cancels: mirrored into the lower one.
        QVERIFY(std::abs(ParzenEstimator::logNormalMass(5, 6) - std::log(phi(-5) - phi(-6))) < 1e-10);
        // Beyond erfc's range the asymptotic series holds: log Phi(-45) ~ -45^2/2 - log(45 sqrt(2 pi)).
        const double far = ParzenEstimator::logNormalMass(-45, -44.5);
        const double approx = -0.5 * 44.5 * 44.5 - std::log(44.5 * std::sqrt(2 * M_PI));
        QVERIFY(std::isfinite(far));
        QVERIFY(std::abs(far - approx) < 0.05);
        QCOMPARE(ParzenEstimator::logNormalMass(70, 71), ParzenEstimator::logNormalMass(-71, -70));
        // The narrow-cell branch joins the exact one smoothly.
        const double exact = std::log(phi(-2.0 + 2e-3) - phi(-2.0));
        QVERIFY(std::abs(ParzenEstimator::logNormalMass(-2.0, -2.0 + 2e-3) - exact) < 1e-9);
        const double narrow = ParzenEstimator::logNormalMass(-2.0, -2.0 + 1e-4);
        QVERIFY(std::abs(narrow - std::log(phi(-2.0 + 1e-4) - phi(-2.0))) < 1e-9);
        QCOMPARE(ParzenEstimator::logNormalMass(1, 1), -std::numeric_limits<double>::infinity());
    }

    void floatDensityIntegratesToOne_data()
    {
        QTest::addColumn<int>("bandwidth");
        QTest::addColumn<bool>("log");
        QTest::newRow("neighbor-gap linear") << 0 << false;
        QTest::newRow("neighbor-gap log") << 0 << true;
        QTest::newRow("scott linear") << 1 << false;
        QTest::newRow("scott log") << 1 << true;
    }
    void floatDensityIntegratesToOne()
    {
        QFETCH(int, bandwidth);
        QFETCH(bool, log);
        ParzenEstimatorOptions o;
        o.bandwidth = bandwidth ? ParzenBandwidth::Scott : ParzenBandwidth::NeighborGap;
        ParzenEstimator pe(o);
        const Distribution d = log ? Distribution::makeFloat(1e-4, 1e-1, true) : Distribution::makeFloat(-5, 10);
        const Eigen::MatrixXd obs = log ? row({1e-4, 2e-4, 3e-3, 0.05, 0.1, 0.0999})
                                        : row({-5, -4.9, 0.0, 3.3, 9.99, 10});
        Eigen::VectorXd w(6);
        w << 0.2, 1.0, 1.0, 0.5, 1.0, 1.0;
        pe.fit({d}, obs, w);
        QCOMPARE(pe.componentCount(), 7);
        QVERIFY(std::abs(integrateUnit(pe, d) - 1.0) < 1e-4);
        // No data: the prior alone, still a density.
        pe.fit({d}, Eigen::MatrixXd(1, 0), Eigen::VectorXd(0));
        QCOMPARE(pe.componentCount(), 1);
        QVERIFY(std::abs(integrateUnit(pe, d) - 1.0) < 1e-6);
    }

    void discreteMassesSumToOne()
    {
        ParzenEstimator pe;
        const Distribution stepFloat = Distribution::makeFloat(0.0, 1.0, false, 0.1);
        pe.fit({stepFloat}, row({0.0, 0.1, 0.1, 0.7, 1.0}), Eigen::VectorXd::Ones(5));
        QVERIFY(std::abs(sumOverGrid(pe, stepFloat) - 1.0) < 1e-11);

        const Distribution batch = Distribution::makeInt(16, 128, false, 16);
        pe.fit({batch}, row({16, 16, 128, 64}), Eigen::VectorXd::Ones(4));
        QVERIFY(std::abs(sumOverGrid(pe, batch) - 1.0) < 1e-11);

        // Log ints: cells [k - 1/2, k + 1/2] in log space, the first one cut at low / 2.
        const Distribution units = Distribution::makeInt(1, 1000, true);
        pe.fit({units}, row({1, 2, 2, 500, 999, 37}), Eigen::VectorXd::Ones(6));
        QVERIFY(std::abs(sumOverGrid(pe, units) - 1.0) < 1e-10);

        // A wide int range takes the narrow-cell branch for most cells.
        const Distribution wide = Distribution::makeInt(0, 200000);
        pe.fit({wide}, row({5, 100000, 199999}), Eigen::VectorXd::Ones(3));
        QVERIFY(std::abs(sumOverGrid(pe, wide) - 1.0) < 1e-10);
    }

    void discreteLogPdfMatchesTheKernelByKernelSum()
    {
        // Many kernels on a wide int range: logPdf skips the far ones and uses a series for
        // narrow cells; a plain sum over all kernels of their exact masses must agree.
        for (bool widths : {false, true}) {
            ParzenEstimatorOptions o;
            o.kernelWeighting = widths ? tw::ParzenKernelWeighting::WidthProportional
                                       : tw::ParzenKernelWeighting::Plain;
            ParzenEstimator pe(o);
            const Distribution d = Distribution::makeInt(-1000, 1000);
            tw::Random rng = tw::Random::child(3, 1);
            Eigen::MatrixXd obs(1, 300);
            for (int i = 0; i < 300; ++i)
                obs(0, i) = d.fromUnit(i < 200 ? 0.4 + 0.05 * rng.uniform01() : rng.uniform01());
            pe.fit({d}, obs, Eigen::VectorXd::LinSpaced(300, 0.1, 1.0));
            Eigen::MatrixXd pts(1, 60);
            for (int i = 0; i < 60; ++i)
                pts(0, i) = d.fromUnit(i / 59.0);
            Eigen::VectorXd lp;
            pe.logPdf(pts, lp);
            auto unit = [](double edge) { return (edge + 1000.5) / 2001.0; };
            for (int c = 0; c < 60; ++c) {
                double sum = 0.0;
                for (int k = 0; k < pe.componentCount(); ++k) {
                    const double mu = pe.kernelCenter(0, k), s = pe.kernelWidth(0, k);
                    // Plain CDF differences, taken in the lower tail where they are accurate.
                    auto mass = [](double a, double b) { return a > 0 ? phi(-a) - phi(-b) : phi(b) - phi(a); };
                    const double z = mass(-mu / s, (1 - mu) / s);
                    sum += pe.scoringWeight(k) *
                           mass((unit(pts(0, c) - 0.5) - mu) / s, (unit(pts(0, c) + 0.5) - mu) / s) / z;
                }
                QVERIFY2(std::abs(lp(c) - std::log(sum)) < 1e-9,
                         qPrintable(QString("at %1: %2 vs %3").arg(pts(0, c)).arg(lp(c)).arg(std::log(sum))));
            }
        }
    }

    void categoricalMassesFollowSmoothedCounts()
    {
        ParzenEstimator pe;
        const Distribution cat = Distribution::makeCategorical({"\"a\"", "\"b\"", "\"c\""});
        pe.fit({cat}, row({0, 0, 1}), Eigen::VectorXd::Ones(3));
        QVERIFY(std::abs(sumOverGrid(pe, cat) - 1.0) < 1e-12);
        // K = 4 kernels, each observation's row is 1/4 everywhere plus 1 on its choice
        // (over 1.75); the prior is uniform; all four weigh 1/4.
        Eigen::MatrixXd pts(1, 3);
        pts << 0, 1, 2;
        Eigen::VectorXd lp;
        pe.logPdf(pts, lp);
        const double on = 1.25 / 1.75, off = 0.25 / 1.75, u = 1.0 / 3.0;
        QVERIFY(std::abs(std::exp(lp(0)) - 0.25 * (on + on + off + u)) < 1e-12);
        QVERIFY(std::abs(std::exp(lp(1)) - 0.25 * (off + off + on + u)) < 1e-12);
        QVERIFY(std::abs(std::exp(lp(2)) - 0.25 * (off + off + off + u)) < 1e-12);
    }

    void jointDensityOfMixedDimensionsIntegratesToOne()
    {
        ParzenEstimatorOptions o;
        o.bandwidth = ParzenBandwidth::Scott;
        ParzenEstimator pe(o);
        const Distribution x = Distribution::makeFloat(-2, 2);
        const Distribution k = Distribution::makeInt(0, 3);
        const Distribution c = Distribution::makeCategorical({"1", "2"});
        Eigen::MatrixXd obs(3, 4);
        obs << -2, 0.5, 1.9, 0.0,  //
            0, 3, 3, 1,            //
            0, 1, 1, 0;
        pe.fit({x, k, c}, obs, Eigen::VectorXd::Ones(4));
        const int cells = 4000;
        Eigen::MatrixXd pts(3, cells);
        double total = 0.0;
        for (int kv = 0; kv <= 3; ++kv)
            for (int cv = 0; cv <= 1; ++cv) {
                for (int i = 0; i < cells; ++i) {
                    pts(0, i) = x.fromUnit((i + 0.5) / cells);
                    pts(1, i) = kv;
                    pts(2, i) = cv;
                }
                Eigen::VectorXd lp;
                pe.logPdf(pts, lp);
                total += sumExp(lp) / cells;
            }
        QVERIFY(std::abs(total - 1.0) < 1e-4);
    }

    void neighborGapBandwidthFollowsOptunasRule()
    {
        ParzenEstimator pe;  // NeighborGap, magic clip, no endpoints
        const Distribution d = Distribution::makeFloat(0, 1);
        pe.fit({d}, row({0.1, 0.2, 0.9}), Eigen::VectorXd::Ones(3));
        // Sorted centres with the prior's 0.5: 0.1 0.2 0.5 0.9 between 0 and 1. The ends use
        // their inner gap (0.1 and 0.4), the rest the larger gap (0.3); clip at 1/min(100, 5).
        QVERIFY(std::abs(pe.kernelWidth(0, 0) - 0.2) < 1e-15);
        QVERIFY(std::abs(pe.kernelWidth(0, 1) - 0.3) < 1e-15);
        QVERIFY(std::abs(pe.kernelWidth(0, 2) - 0.4) < 1e-15);
        QCOMPARE(pe.kernelWidth(0, 3), 1.0);
        QCOMPARE(pe.kernelCenter(0, 3), 0.5);
        QVERIFY(std::abs(pe.componentWeight(3) - 0.25) < 1e-15);

        ParzenEstimatorOptions o;
        o.bandwidth = ParzenBandwidth::Scott;
        ParzenEstimator scott(o);
        scott.fit({d, d}, Eigen::MatrixXd::Constant(2, 10, 0.5), Eigen::VectorXd::Ones(10));
        QVERIFY(std::abs(scott.kernelWidth(1, 4) - 0.2 * std::pow(10.0, -1.0 / 6.0)) < 1e-15);
    }

    void widthProportionalScoringIsStillADensity()
    {
        ParzenEstimatorOptions o;
        o.kernelWeighting = tw::ParzenKernelWeighting::WidthProportional;
        ParzenEstimator pe(o);
        const Distribution d = Distribution::makeFloat(0, 1);
        pe.fit({d}, row({0.1, 0.2, 0.9}), Eigen::VectorXd::Ones(3));
        // Widths 0.2, 0.3, 0.4 and the prior's 1 (see neighborGapBandwidthFollowsOptunasRule).
        const double total = 0.2 + 0.3 + 0.4 + 1.0;
        QVERIFY(std::abs(pe.scoringWeight(0) - 0.2 / total) < 1e-12);
        QVERIFY(std::abs(pe.scoringWeight(3) - 1.0 / total) < 1e-12);
        QVERIFY(std::abs(pe.componentWeight(0) - 0.25) < 1e-12);  // sampling is unchanged
        QVERIFY(std::abs(integrateUnit(pe, d) - 1.0) < 1e-4);
        const Distribution k = Distribution::makeInt(-3, 3);
        pe.fit({k}, row({-3, 0, 0, 2}), Eigen::VectorXd::Ones(4));
        QVERIFY(std::abs(sumOverGrid(pe, k) - 1.0) < 1e-12);
    }

    void sortedInputSkipsTheSortWithTheSameResult()
    {
        ParzenEstimator sorted, shuffled;
        const Distribution d = Distribution::makeFloat(-1, 1);
        Eigen::MatrixXd a = row({-0.9, -0.2, 0.0, 0.0, 0.1, 0.5, 0.7});
        Eigen::MatrixXd b = row({0.5, 0.0, -0.9, 0.7, 0.0, 0.1, -0.2});
        Eigen::VectorXd wa(7), wb(7);
        wa << 1, 2, 3, 4, 5, 6, 7;
        wb << 6, 3, 1, 7, 4, 5, 2;  // the same weight follows the same observation
        sorted.fit({d}, a, wa);
        shuffled.fit({d}, b, wb);
        Eigen::MatrixXd pts(1, 50);
        for (int i = 0; i < 50; ++i)
            pts(0, i) = -1.0 + 2.0 * i / 49.0;
        Eigen::VectorXd la, lb;
        sorted.logPdf(pts, la);
        shuffled.logPdf(pts, lb);
        for (int i = 0; i < 50; ++i)
            QVERIFY(std::abs(la(i) - lb(i)) < 1e-12);
    }

    void samplesFollowTheDensity()
    {
        ParzenEstimator pe;
        const Distribution d = Distribution::makeInt(0, 4);
        pe.fit({d}, row({0, 1, 1, 4}), Eigen::Vector4d(1, 2, 1, 1));
        tw::Random rng = tw::Random::child(7, 0);
        const int n = 40000;
        Eigen::MatrixXd s;
        pe.sample(rng, n, s);
        Eigen::VectorXd freq = Eigen::VectorXd::Zero(5);
        for (int i = 0; i < n; ++i) {
            QVERIFY(d.contains(s(0, i)));
            freq(static_cast<Eigen::Index>(s(0, i))) += 1.0 / n;
        }
        Eigen::MatrixXd grid(1, 5);
        grid << 0, 1, 2, 3, 4;
        Eigen::VectorXd lp;
        pe.logPdf(grid, lp);
        for (int v = 0; v < 5; ++v)
            QVERIFY2(std::abs(freq(v) - std::exp(lp(v))) < 0.01, qPrintable(QString::number(v)));

        const Distribution f = Distribution::makeFloat(1e-3, 1.0, true);
        pe.fit({f}, row({1e-3, 0.5}), Eigen::VectorXd::Ones(2));
        pe.sample(rng, 2000, s);
        for (int i = 0; i < s.cols(); ++i)
            QVERIFY(f.contains(s(0, i)));
    }

    void misuseThrowsWithClassAndMethod()
    {
        ParzenEstimator pe;
        const Distribution d = Distribution::makeFloat(0, 1);
        try {
            pe.fit({d}, row({0.5}), Eigen::VectorXd::Constant(1, -1.0));
            QFAIL("negative weight accepted");
        } catch (const std::invalid_argument& e) {
            QVERIFY(QString(e.what()).startsWith("ParzenEstimator::fit()"));
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ParzenEstimator(ParzenEstimatorOptions{-1.0}));
        Eigen::VectorXd out;
        QVERIFY_THROWS_EXCEPTION(std::logic_error, pe.logPdf(Eigen::MatrixXd(1, 1), out));
    }
};

QTEST_GUILESS_MAIN(tst_ParzenEstimator)
#include "tst_parzenestimator.moc"
