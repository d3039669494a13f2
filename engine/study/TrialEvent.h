#pragma once
#include "core/FrozenTrial.h"

#include <optional>
#include <string>

namespace tw {

// A rare event of a StudyLoop run, for progress displays (CLI, GUI).
struct TrialEvent {
    // Waiting: this run has nothing left to do but trials of other processes whose owner
    // cannot be proven alive stand between the study and its budget; `note` says so.
    enum class Kind { Started, Finished, Waiting };
    Kind kind = Kind::Started;
    FrozenTrial trial;                // as stored after the event
    std::optional<FrozenTrial> best;  // the study's best Complete trial (all processes)
    int startedThisRun = 0;
    int finishedThisRun = 0;
    std::string note;
};

} // namespace tw
