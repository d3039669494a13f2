#pragma once
#include "study/StopReason.h"
#include "study/TrialOutcome.h"

#include <string>

namespace tw {

// What one StudyLoop::run() did.
struct OptimizeSummary {
    int started = 0;
    int complete = 0;
    int pruned = 0;
    int failed = 0;
    StopReason reason = StopReason::None;  // why no further trial was asked, if so
    bool paused = false;                   // pause() or cancel() ended the run
    bool cancelled = false;
    bool reachedRunCap = false;            // maxTrialsThisRun ended the run
    // With reason ConsecutiveFailures: the reason the last trials failed with, and its cause.
    std::string failureReason;
    TrialOutcome::Cause failureCause = TrialOutcome::Cause::Trial;
};

} // namespace tw
