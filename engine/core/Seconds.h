#pragma once
#include <chrono>
#include <optional>

namespace tw {

// A spec's seconds (budget.timeout_s, retry.grace_s, retry.heartbeat_s) as chrono
// durations, without overflow (#13). A clock compares durations in nanoseconds, where a
// long long holds about 292 years: 9.3e9 s cast to milliseconds and then compared there
// wrapped round to a negative time, and the run stopped at once. Every value is held to
// kLongest, which any clock's arithmetic can take; a limit beyond it is no limit.
class Seconds {
public:
    // About 31.7 years: no run waits that long, and 1e18 ns still fits after adding a
    // time since 1970.
    static constexpr double kLongest = 1e9;

    // `seconds` in whole milliseconds (truncated), within [0, kLongest]; NaN gives 0.
    static std::chrono::milliseconds saturated(double seconds);
    // A time limit: nullopt (no limit) for 0 or less, NaN, or kLongest and more.
    static std::optional<std::chrono::milliseconds> limit(double seconds);
};

} // namespace tw
