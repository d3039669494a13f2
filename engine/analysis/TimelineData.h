#pragma once
#include "core/FrozenTrial.h"

#include <optional>
#include <string>
#include <vector>

namespace tw {

// The timeline: each started trial as a bar from its start to its end (the latest
// heartbeat or `now` while running), in seconds since the study's first start, on the row
// of the worker that ran it (system attr "worker" when set, else one row per overlap
// lane: the lowest lane free at its start), coloured by state.
struct TimelineBar {
    int number = -1;
    TrialState state = TrialState::Running;
    double start = 0.0;
    double end = 0.0;
    int lane = 0;
};

struct Timeline {
    std::vector<TimelineBar> bars;
    std::vector<std::string> lanes;  // a name per lane
};

class TimelineData {
public:
    static Timeline build(const std::vector<FrozenTrial>& trials, TimePoint now);
};

} // namespace tw
