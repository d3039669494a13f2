#include "io/CsvValue.h"

#include <charconv>
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
