#include "core/StudyDirection.h"

namespace tw {

std::string_view toString(StudyDirection d)
{
    return d == StudyDirection::Minimize ? "minimize" : "maximize";
}

std::optional<StudyDirection> studyDirectionFromString(std::string_view text)
{
    if (text == "minimize")
        return StudyDirection::Minimize;
    if (text == "maximize")
        return StudyDirection::Maximize;
    return std::nullopt;
}

} // namespace tw
