#include "util/NonFinite.h"

#include <cmath>
#include <limits>
#include <string>

namespace tw {

const char* NonFinite::name(double value)
{
    if (std::isnan(value))
        return "nan";
    if (std::isinf(value))
        return value > 0 ? "inf" : "-inf";
    return nullptr;
}

std::optional<double> NonFinite::parse(std::string_view text)
{
    if (text == "nan")
        return std::numeric_limits<double>::quiet_NaN();
    if (text == "inf")
        return std::numeric_limits<double>::infinity();
    if (text == "-inf")
        return -std::numeric_limits<double>::infinity();
    return std::nullopt;
}

std::optional<double> NonFinite::parseLenient(std::string_view text)
{
    if (text.size() > 9)
        return std::nullopt;
    std::string lower(text);
    for (char& c : lower)
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    if (lower == "+inf" || lower == "infinity" || lower == "+infinity")
        return std::numeric_limits<double>::infinity();
    if (lower == "-infinity")
        return -std::numeric_limits<double>::infinity();
    return parse(lower);
}

} // namespace tw
