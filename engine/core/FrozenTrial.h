#pragma once
#include "core/Distribution.h"
#include "core/TrialState.h"

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace tw {

using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;
// Parameter name -> internal value (see Distribution). Ordered, so iteration is deterministic.
using ParamValues = std::map<std::string, double>;

// A snapshot of one trial, passed by value across threads and layers.
struct FrozenTrial {
    std::int64_t id = -1;    // the storage's key, unique across studies
    int number = -1;         // 0, 1, 2... within the study, in creation order
    TrialState state = TrialState::Waiting;
    std::optional<double> value;  // set only when Complete
    ParamValues params;
    std::map<std::string, Distribution> distributions;
    std::map<std::int64_t, double> intermediate;  // step -> value (NaN and +-inf allowed)
    std::optional<TimePoint> started;
    std::optional<TimePoint> finished;
    std::optional<TimePoint> heartbeat;
    std::string reason;  // why it failed or was pruned
    // Free-form attributes; values are compact JSON text. "system" ones are the engine's
    // own (grid index, retry-of, fold values...), "user" ones are the user's notes and tags.
    std::map<std::string, std::string> userAttrs;
    std::map<std::string, std::string> systemAttrs;

    std::optional<double> durationSeconds() const
    {
        if (!started || !finished)
            return std::nullopt;
        return std::chrono::duration<double>(*finished - *started).count();
    }
    std::optional<std::int64_t> lastStep() const
    {
        if (intermediate.empty())
            return std::nullopt;
        return intermediate.rbegin()->first;
    }
};

} // namespace tw
