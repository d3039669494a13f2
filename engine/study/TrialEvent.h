#pragma once
#include "core/FrozenTrial.h"

#include <optional>

namespace tw {

// A rare event of a StudyOptimizer run, for progress displays (CLI, GUI).
struct TrialEvent {
    enum class Kind { Started, Finished };
    Kind kind = Kind::Started;
    FrozenTrial trial;                // as stored after the event
    std::optional<FrozenTrial> best;  // the study's best Complete trial (all processes)
    int startedThisRun = 0;
    int finishedThisRun = 0;
};

} // namespace tw
