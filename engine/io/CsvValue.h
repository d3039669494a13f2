#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace tw {

// How the CSV reader reads one field's text. Both passes of CsvReader use these, so a field
// classified as a number by the first pass always parses in the second.
class CsvValue {
public:
    // Empty, ?, NA, N/A and NaN (any letter case).
    static bool isMissing(std::string_view text);
    // A finite decimal number: [+-] digits [. digits] [(e|E) [+-] digits], at least one digit
    // before the exponent. No inf, no hexadecimal, no surrounding spaces.
    static bool isNumber(std::string_view text);
    enum class Parse { Ok, NotANumber, OutOfRange };
    // Checks the isNumber grammar and gives the nearest float (correctly rounded; values
    // below float's range round to zero). OutOfRange when the magnitude exceeds float's.
    static Parse parse(std::string_view text, float& value);
    static std::optional<float> toFloat(std::string_view text);
    // The shortest text that reads back as `value` ("3", "2.5").
    static std::string format(float value);
    // `text` cut to at most `limit` bytes (on a UTF-8 boundary) with "..." when cut, for messages.
    static std::string excerpt(std::string_view text, std::size_t limit = 40);
};

} // namespace tw
