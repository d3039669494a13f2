#pragma once
#include <optional>
#include <string_view>

namespace tw {

// The one text encoding of the doubles that JSON, CSV and SQL cannot hold as numbers
// (#18): NaN is "nan", +infinity "inf", -infinity "-inf". Trial exports, leaderboards,
// model files, training artifacts, the storage's value tags, the curve and leaderboard
// views and the command protocol all write and read these through here.
class NonFinite {
public:
    // "nan", "inf" or "-inf"; nullptr for a finite value.
    static const char* name(double value);
    // The value `text` names exactly ("nan", "inf", "-inf"); nullopt for any other text.
    static std::optional<double> parse(std::string_view text);
    // Also any letter case, "+inf", "infinity", "+infinity" and "-infinity": how scripts
    // (Python's str(float), C's printf) spell them.
    static std::optional<double> parseLenient(std::string_view text);
};

} // namespace tw
