#pragma once
#include <optional>
#include <string_view>

namespace tw {

enum class StudyDirection { Minimize, Maximize };

std::string_view toString(StudyDirection d);
std::optional<StudyDirection> studyDirectionFromString(std::string_view text);
// True when a is strictly better than b under direction d.
inline bool isBetter(StudyDirection d, double a, double b)
{
    return d == StudyDirection::Minimize ? a < b : a > b;
}

} // namespace tw
