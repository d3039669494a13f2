#include "io/CsvValue.h"

#include <charconv>
#include <cstdint>
#include <cstring>
#include <cmath>
#include <limits>

namespace tw {

namespace {

inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c + ('a' - 'A')) : c; }

} // namespace

bool CsvValue::isMissing(std::string_view t)
{
    switch (t.size()) {
    case 0: return true;
    case 1: return t[0] == '?';
    case 2: return lower(t[0]) == 'n' && lower(t[1]) == 'a';
    case 3:
        return (lower(t[0]) == 'n' && lower(t[1]) == 'a' && lower(t[2]) == 'n') ||
               (lower(t[0]) == 'n' && t[1] == '/' && lower(t[2]) == 'a');
    default: return false;
    }
}

CsvValue::Parse CsvValue::parse(std::string_view t, float& value)
{
    // Clinger's fast path (Clinger 1990, "How to read floating point numbers accurately"):
    // with at most 19 significant digits m <= 2^53 and |e| <= 22, m * 10^e in double is
    // one correctly rounded operation. Rounding that double to float is then exact unless
    // the double sits exactly halfway between two floats, which is checked. Everything
    // else goes to std::from_chars.
    static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                        1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    const char* p = t.data();
    const char* end = p + t.size();
    bool negative = false;
    if (p != end && (*p == '+' || *p == '-')) {
        negative = *p == '-';
        ++p;
    }
    std::uint64_t mantissa = 0;
    int significant = 0;
    int digits = 0;
    int exponent = 0;
    if (end - p <= 19) {
        // At most 19 digits: the mantissa cannot overflow, no per-digit bookkeeping.
        const char* first = p;
        while (p != end && unsigned(*p - '0') < 10)
            mantissa = mantissa * 10 + unsigned(*p++ - '0');
        digits = int(p - first);
        if (p != end && *p == '.') {
            ++p;
            first = p;
            while (p != end && unsigned(*p - '0') < 10)
                mantissa = mantissa * 10 + unsigned(*p++ - '0');
            exponent = -int(p - first);
            digits += int(p - first);
        }
        significant = mantissa != 0;
    } else {
        while (p != end && unsigned(*p - '0') < 10) {
            if (significant < 19) {
                mantissa = mantissa * 10 + unsigned(*p - '0');
                significant += mantissa != 0;
            } else {
                ++exponent;
                significant = 20;  // inexact: the slow path decides
            }
            ++p;
            ++digits;
        }
        if (p != end && *p == '.') {
            ++p;
            while (p != end && unsigned(*p - '0') < 10) {
                if (significant < 19) {
                    mantissa = mantissa * 10 + unsigned(*p - '0');
                    significant += mantissa != 0;
                    --exponent;
                } else {
                    significant = 20;
                }
                ++p;
                ++digits;
            }
        }
    }
    if (digits == 0)
        return Parse::NotANumber;
    if (p != end && (*p == 'e' || *p == 'E')) {
        ++p;
        bool negativeExp = false;
        if (p != end && (*p == '+' || *p == '-')) {
            negativeExp = *p == '-';
            ++p;
        }
        int e = 0;
        int expDigits = 0;
        while (p != end && unsigned(*p - '0') < 10) {
            if (e < 100000)
                e = e * 10 + (*p - '0');
            ++p;
            ++expDigits;
        }
        if (expDigits == 0)
            return Parse::NotANumber;
        exponent += negativeExp ? -e : e;
    }
    if (p != end)
        return Parse::NotANumber;
    if (mantissa == 0 && significant == 0) {
        value = negative ? -0.0f : 0.0f;
        return Parse::Ok;
    }
    if (significant <= 19 && mantissa <= (std::uint64_t(1) << 53) && exponent >= -22 &&
        exponent <= 22) {
        double d = double(mantissa);
        d = exponent < 0 ? d / kPow10[-exponent] : d * kPow10[exponent];
        if (d >= double(std::numeric_limits<float>::min()) &&
            d <= double(std::numeric_limits<float>::max())) {
            std::uint64_t bits;
            std::memcpy(&bits, &d, sizeof bits);
            const std::uint64_t below = bits & ((std::uint64_t(1) << 29) - 1);
            if (below != (std::uint64_t(1) << 28)) {
                const float f = float(d);
                value = negative ? -f : f;
                return Parse::Ok;
            }
        }
    }
    const auto slow = toFloat(t);
    if (!slow)
        return Parse::OutOfRange;
    value = *slow;
    return Parse::Ok;
}

bool CsvValue::isNumber(std::string_view t)
{
    const char* p = t.data();
    const char* end = p + t.size();
    if (p != end && (*p == '+' || *p == '-'))
        ++p;
    int digits = 0;
    while (p != end && unsigned(*p - '0') < 10) {
        ++p;
        ++digits;
    }
    if (p != end && *p == '.') {
        ++p;
        while (p != end && unsigned(*p - '0') < 10) {
            ++p;
            ++digits;
        }
    }
    if (digits == 0)
        return false;
    if (p != end && (*p == 'e' || *p == 'E')) {
        ++p;
        if (p != end && (*p == '+' || *p == '-'))
            ++p;
        int expDigits = 0;
        while (p != end && unsigned(*p - '0') < 10) {
            ++p;
            ++expDigits;
        }
        if (expDigits == 0)
            return false;
    }
    return p == end;
}

std::optional<float> CsvValue::toFloat(std::string_view t)
{
    const char* first = t.data();
    const char* last = first + t.size();
    if (first != last && *first == '+')
        ++first;  // from_chars takes no leading '+'
    float value = 0.0f;
    const auto [ptr, ec] = std::from_chars(first, last, value, std::chars_format::general);
    if (ec == std::errc() && ptr == last)
        return value;
    if (ec == std::errc::result_out_of_range) {
        // Underflow is not an error for data: 1e-50 is as good as zero in float.
        double wide = 0.0;
        const auto [p2, ec2] = std::from_chars(first, last, wide, std::chars_format::general);
        if (p2 != last)
            return std::nullopt;
        if (ec2 == std::errc::result_out_of_range) {
            const auto e = t.find_first_of("eE");
            const bool tiny = e != std::string_view::npos && e + 1 < t.size() && t[e + 1] == '-';
            if (!tiny)
                return std::nullopt;
            return t[0] == '-' ? -0.0f : 0.0f;
        }
        if (std::fabs(wide) < double(std::numeric_limits<float>::min()))
            return static_cast<float>(wide);
        return std::nullopt;
    }
    return std::nullopt;
}

std::string CsvValue::format(float value)
{
    char buf[32];
    const auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, value);
    return ec == std::errc() ? std::string(buf, ptr) : std::string("?");
}

std::string CsvValue::excerpt(std::string_view text, std::size_t limit)
{
    if (text.size() <= limit)
        return std::string(text);
    size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut;
    return std::string(text.substr(0, cut)) + "...";
}

} // namespace tw
