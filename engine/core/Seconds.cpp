#include "core/Seconds.h"

namespace tw {

std::chrono::milliseconds Seconds::saturated(double seconds)
{
    if (!(seconds > 0.0)) // NaN too
        return std::chrono::milliseconds(0);
    if (seconds >= kLongest)
        return std::chrono::milliseconds(static_cast<long long>(kLongest * 1000.0));
    return std::chrono::milliseconds(static_cast<long long>(seconds * 1000.0)); // as before: truncated
}

std::optional<std::chrono::milliseconds> Seconds::limit(double seconds)
{
    if (!(seconds > 0.0) || seconds >= kLongest)
        return std::nullopt;
    return saturated(seconds);
}

} // namespace tw
