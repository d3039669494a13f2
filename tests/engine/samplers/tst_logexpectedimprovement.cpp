#include "samplers/LogExpectedImprovement.h"

#include <QtTest>

#include <cmath>

using tw::LogExpectedImprovement;

namespace {

double directH(double z)
{
    const double pdf = std::exp(-0.5 * z * z) / std::sqrt(2 * M_PI);
    const double cdf = 0.5 * std::erfc(-z / std::sqrt(2.0));
    return pdf + z * cdf;
}

} // namespace

class tst_LogExpectedImprovement : public QObject {
    Q_OBJECT
private slots:
    void matchesTheDirectFormulaWhereItIsAccurate()
    {
        for (double z = -6.0; z <= 6.0; z += 0.05) {
            const double expected = std::log(directH(z));
            QVERIFY2(std::abs(LogExpectedImprovement::logH(z) - expected) < 1e-9 * std::max(1.0, std::abs(expected)),
                     qPrintable(QString("z = %1").arg(z)));
        }
        // Both sides of the switch to the continued fraction agree.
        QVERIFY(std::abs(LogExpectedImprovement::logH(-3.0 - 1e-12) - LogExpectedImprovement::logH(-3.0 + 1e-12)) < 1e-9);
    }
    void valueIsTheLogOfExpectedImprovement()
    {
        const double mean = 0.4, sd = 0.7, best = 0.1;
        const double z = (best - mean) / sd;
        const double ei = sd * directH(z);
        QVERIFY(std::abs(LogExpectedImprovement::value(mean, sd, best) - std::log(ei)) < 1e-12);
    }
    void staysFiniteAndMonotoneFarInTheTail()
    {
        double previous = LogExpectedImprovement::logH(-5.0);
        for (double z : {-10.0, -40.0, -100.0, -1e3, -1e5, -1e8, -1e10, -1e50, -1e150}) {
            const double v = LogExpectedImprovement::logH(z);
            QVERIFY2(std::isfinite(v), qPrintable(QString("z = %1").arg(z)));
            QVERIFY(v < previous);
            previous = v;
            // h(z) ~ phi(z) / z^2 as z -> -inf.
            const double asymptote = -0.5 * z * z - 0.5 * std::log(2 * M_PI) - 2 * std::log(-z);
            QVERIFY(std::abs(v - asymptote) <= 1e-12 * std::abs(asymptote) + 4.0 / (z * z));
        }
        // Where the direct formula underflows to log(0), this one still ranks points.
        QVERIFY(std::isinf(std::log(directH(-40.0))));
        QVERIFY(LogExpectedImprovement::logH(-40.0) > LogExpectedImprovement::logH(-40.1));
        QVERIFY(std::isinf(LogExpectedImprovement::logH(-INFINITY)));
    }
    void derivativeMatchesFiniteDifferences()
    {
        for (double z : {-50.0, -8.0, -3.5, -3.0, -2.5, -1.0, 0.0, 0.7, 3.0, 12.0}) {
            const double h = 1e-6 * std::max(1.0, std::abs(z));
            const double fd = (LogExpectedImprovement::logH(z + h) - LogExpectedImprovement::logH(z - h)) / (2 * h);
            const double an = LogExpectedImprovement::logHDerivative(z);
            QVERIFY2(std::abs(fd - an) < 1e-5 * std::max(1.0, std::abs(an)),
                     qPrintable(QString("z = %1: %2 vs %3").arg(z).arg(an).arg(fd)));
        }
    }
};

QTEST_GUILESS_MAIN(tst_LogExpectedImprovement)
#include "tst_logexpectedimprovement.moc"
