// #18: one text encoding of NaN and the infinities, read and written in one place.
#include "util/NonFinite.h"

#include <QtTest>

#include <cmath>
#include <limits>

using tw::NonFinite;

class tst_NonFinite : public QObject {
    Q_OBJECT
private slots:
    void namesRoundTrip()
    {
        const double inf = std::numeric_limits<double>::infinity();
        QCOMPARE(QString(NonFinite::name(std::numeric_limits<double>::quiet_NaN())), QString("nan"));
        QCOMPARE(QString(NonFinite::name(inf)), QString("inf"));
        QCOMPARE(QString(NonFinite::name(-inf)), QString("-inf"));
        QVERIFY(NonFinite::name(0.0) == nullptr);
        QVERIFY(NonFinite::name(-1e308) == nullptr);
        QVERIFY(std::isnan(*NonFinite::parse("nan")));
        QCOMPARE(*NonFinite::parse("inf"), inf);
        QCOMPARE(*NonFinite::parse("-inf"), -inf);
        for (const double v : {inf, -inf})
            QCOMPARE(*NonFinite::parse(NonFinite::name(v)), v);
    }

    void strictReadsOnlyTheNames()
    {
        for (const char* text : {"NaN", "Inf", "+inf", "infinity", "", "1", "nan ", "finite"})
            QVERIFY2(!NonFinite::parse(text), text);
    }

    void lenientReadsWhatScriptsPrint()
    {
        const double inf = std::numeric_limits<double>::infinity();
        QVERIFY(std::isnan(*NonFinite::parseLenient("NaN")));
        for (const char* text : {"inf", "Inf", "+inf", "INFINITY", "+Infinity"})
            QCOMPARE(*NonFinite::parseLenient(text), inf);
        for (const char* text : {"-inf", "-Infinity", "-INF"})
            QCOMPARE(*NonFinite::parseLenient(text), -inf);
        for (const char* text : {"", "1.5", "infinite", "-nanx", "+-inf", "infinityinfinity"})
            QVERIFY2(!NonFinite::parseLenient(text), text);
    }
};

QTEST_GUILESS_MAIN(tst_NonFinite)
#include "tst_nonfinite.moc"
