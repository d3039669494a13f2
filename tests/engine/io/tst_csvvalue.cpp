#include "io/CsvValue.h"
#include "core/Random.h"

#include <QtTest>

#include <charconv>
#include <cstring>

using tw::CsvValue;

namespace {

std::uint32_t bitsOf(float f)
{
    std::uint32_t b;
    std::memcpy(&b, &f, sizeof b);
    return b;
}

// The reference: std::from_chars, correctly rounded.
bool reference(const std::string& text, float& out)
{
    const char* first = text.data();
    if (*first == '+')
        ++first;
    const auto [p, ec] = std::from_chars(first, text.data() + text.size(), out);
    return ec == std::errc() && p == text.data() + text.size();
}

} // namespace

class tst_CsvValue : public QObject {
    Q_OBJECT
private slots:
    void missingTokens()
    {
        for (const char* t : {"", "?", "NA", "na", "nA", "NaN", "nan", "NAN", "N/A", "n/a"})
            QVERIFY2(CsvValue::isMissing(t), t);
        for (const char* t : {"0", "N", "NAs", "none", "null", "-", " "})
            QVERIFY2(!CsvValue::isMissing(t), t);
    }

    void grammar()
    {
        for (const char* t : {"0", "-1", "+2", "3.", ".5", "-.5", "1e5", "1E-5", "2.5e+3", "007"}) {
            float v;
            QVERIFY2(CsvValue::isNumber(t), t);
            QVERIFY2(CsvValue::parse(t, v) == CsvValue::Parse::Ok, t);
        }
        for (const char* t : {"", ".", "-", "+", "e5", "1e", "1e+", "1.2.3", "1,5", " 1", "1 ",
                              "inf", "nan", "0x10", "1f", "--1", "1e5.5"}) {
            float v;
            QVERIFY2(!CsvValue::isNumber(t), t);
            QVERIFY2(CsvValue::parse(t, v) == CsvValue::Parse::NotANumber, t);
        }
        float v = 1;
        QCOMPARE(CsvValue::parse("1e39", v), CsvValue::Parse::OutOfRange);
        QCOMPARE(CsvValue::parse("-1e400", v), CsvValue::Parse::OutOfRange);
        QCOMPARE(CsvValue::parse("1e-400", v), CsvValue::Parse::Ok);
        QCOMPARE(v, 0.0f);
        QCOMPARE(CsvValue::parse("-0.0", v), CsvValue::Parse::Ok);
        QVERIFY(std::signbit(v));
    }

    // The fast path must round exactly like from_chars, digit counts and exponents of all
    // kinds, halfway cases included.
    void parseMatchesFromChars()
    {
        tw::Random rng(7);
        auto in = [](long long lo, long long hi) {
            return [lo, hi](tw::Random& r) { return static_cast<int>(r.between(lo, hi)); };
        };
        const auto digitCount = in(1, 24), digit = in(0, 9), exponent = in(-45, 40), form = in(0, 3);
        int checked = 0;
        for (int i = 0; i < 300000; ++i) {
            std::string s;
            if (rng() & 1)
                s += '-';
            const int n = digitCount(rng);
            const int point = in(0, n)(rng);
            for (int k = 0; k < n; ++k) {
                if (k == point && form(rng) != 0)
                    s += '.';
                s += char('0' + digit(rng));
            }
            if (form(rng) == 0)
                s.append("e").append(std::to_string(exponent(rng)));
            float expected = 0, got = 0;
            const bool ok = reference(s, expected);
            const auto r = CsvValue::parse(s, got);
            if (!ok) {
                QVERIFY2(r != CsvValue::Parse::Ok || bitsOf(got) == bitsOf(0.0f) ||
                             std::fabs(got) < 1.2e-38f,
                         s.c_str());
                continue;
            }
            QVERIFY2(r == CsvValue::Parse::Ok, s.c_str());
            QVERIFY2(bitsOf(got) == bitsOf(expected),
                     qPrintable(QString("%1: %2 vs %3").arg(s.c_str()).arg(double(got), 0, 'g', 10)
                                    .arg(double(expected), 0, 'g', 10)));
            ++checked;
        }
        QVERIFY(checked > 250000);
        // Exact halfway points between two floats, and one digit either side.
        for (const char* s : {"16777217", "16777219", "33554435", "16777217.000000001",
                              "16777216.999999999", "0.100000001490116119384765625",
                              "3.4028235e38", "3.40282346e38", "1.17549435e-38",
                              "9007199254740993", "0.30000001192092896"}) {
            float expected = 0, got = 0;
            QVERIFY(reference(s, expected));
            QCOMPARE(CsvValue::parse(s, got), CsvValue::Parse::Ok);
            QVERIFY2(bitsOf(got) == bitsOf(expected), s);
        }
    }

    void formatAndExcerpt()
    {
        QCOMPARE(CsvValue::format(3.0f), std::string("3"));
        QCOMPARE(CsvValue::format(2.5f), std::string("2.5"));
        QCOMPARE(CsvValue::excerpt("abcdef", 3), std::string("abc..."));
        QCOMPARE(CsvValue::excerpt("\xc3\xa9\xc3\xa9", 3), std::string("\xc3\xa9..."));
    }
};

QTEST_GUILESS_MAIN(tst_CsvValue)
#include "tst_csvvalue.moc"
