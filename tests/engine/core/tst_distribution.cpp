#include "core/Distribution.h"

#include <QtTest>

using tw::Distribution;

class tst_Distribution : public QObject {
    Q_OBJECT
private slots:
    void validationNamesTheProblem()
    {
        QVERIFY(Distribution::makeFloat(0, 1).validationError().empty());
        QVERIFY(QString::fromStdString(Distribution::makeFloat(1, 1).validationError()).contains("less than"));
        QVERIFY(QString::fromStdString(Distribution::makeFloat(0, 1, true).validationError()).contains("log"));
        QVERIFY(QString::fromStdString(Distribution::makeFloat(0, 1, false, 0.3).validationError()).contains("divide"));
        QVERIFY(QString::fromStdString(Distribution::makeCategorical({}).validationError()).contains("empty"));
        QVERIFY(Distribution::makeInt(16, 128, false, 16).validationError().empty());
    }
    void unitMappingRoundTrips()
    {
        const auto lr = Distribution::makeFloat(1e-4, 1e-1, true);
        QCOMPARE(lr.fromUnit(0.0), 1e-4);
        QVERIFY(std::abs(lr.fromUnit(1.0) - 1e-1) < 1e-15);
        QVERIFY(std::abs(lr.fromUnit(0.5) - std::sqrt(1e-4 * 1e-1)) < 1e-12);
        for (double v : {1e-4, 3e-3, 0.1})
            QVERIFY(std::abs(lr.fromUnit(lr.toUnit(v)) - v) < 1e-12);
        const auto bs = Distribution::makeInt(16, 128, false, 16);
        QCOMPARE(bs.cardinality(), 8LL);
        for (double u = 0; u <= 1.0; u += 0.01)
            QVERIFY(bs.contains(bs.fromUnit(u)));
        QCOMPARE(bs.fromUnit(0.0), 16.0);
        QCOMPARE(bs.fromUnit(1.0), 128.0);
        const auto cat = Distribution::makeCategorical({"[32]", "[64,64]", "[128,64]"});
        QCOMPARE(cat.fromUnit(0.0), 0.0);
        QCOMPARE(cat.fromUnit(0.999), 2.0);
        QCOMPARE(cat.fromUnit(cat.toUnit(1.0)), 1.0);
        QVERIFY(!cat.contains(3.0));
        QVERIFY(!cat.contains(0.5));
    }
    void snapStaysOnTheGrid()
    {
        const auto d = Distribution::makeFloat(0.0, 1.0, false, 0.25);
        QCOMPARE(d.snap(0.3), 0.25);
        QCOMPARE(d.snap(7.0), 1.0);
        QCOMPARE(d.snap(-1.0), 0.0);
        QVERIFY(d.contains(0.75));
        QVERIFY(!d.contains(0.7));
    }
};

QTEST_GUILESS_MAIN(tst_Distribution)
#include "tst_distribution.moc"
