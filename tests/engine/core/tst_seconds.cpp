// #13: budget.timeout_s >= 9.3e9 stopped the run at once (a nanosecond overflow).
#include "core/Seconds.h"

#include <QtTest>

#include <chrono>
#include <cmath>
#include <limits>

using namespace tw;
using std::chrono::milliseconds;

class TestSeconds : public QObject {
    Q_OBJECT

private slots:
    void ordinaryValuesAreKept()
    {
        QCOMPARE(Seconds::saturated(1.5), milliseconds(1500));
        QCOMPARE(Seconds::saturated(0.2), milliseconds(200));
        QCOMPARE(Seconds::limit(3600.0), std::optional<milliseconds>(milliseconds(3600000)));
    }

    void hugeLimitsAreNoLimit()
    {
        for (const double s : {9.3e9, 1e12, 1e300, std::numeric_limits<double>::infinity(), Seconds::kLongest})
            QVERIFY2(!Seconds::limit(s).has_value(), qPrintable(QString::number(s)));
        for (const double s : {0.0, -1.0, std::nan("")})
            QVERIFY(!Seconds::limit(s).has_value());
        QVERIFY(Seconds::limit(Seconds::kLongest * 0.99).has_value());
    }

    void saturatedValuesSurviveClockArithmetic()
    {
        const milliseconds longest = Seconds::saturated(1e300);
        QCOMPARE(longest, Seconds::saturated(Seconds::kLongest));
        QCOMPARE(Seconds::saturated(std::nan("")), milliseconds(0));
        QCOMPARE(Seconds::saturated(-5), milliseconds(0));
        // What Study and the stale check do: compare in nanoseconds, add to a time point.
        const auto now = std::chrono::system_clock::now();
        QVERIFY(now + longest > now);
        QVERIFY(std::chrono::steady_clock::duration(std::chrono::seconds(1)) < longest);
        const auto limit = Seconds::limit(Seconds::kLongest * 0.99);
        QVERIFY(std::chrono::nanoseconds(std::chrono::hours(24 * 365)) < *limit);
    }
};

QTEST_GUILESS_MAIN(TestSeconds)
#include "tst_seconds.moc"
