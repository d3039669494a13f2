#pragma once
#include "StudySession.h"

#include <optional>

namespace tw::cli {

// A run of a study session from a terminal, through the engine's StudyRunner: progress on
// stderr; the first Ctrl+C (SIGINT) pauses the run's StopRequest (the running trials
// finish), a second one or SIGTERM cancels it (they stop); then the leaderboard on stdout.
class TerminalRun {
public:
    // Returns the process exit code.
    static int run(StudySession& session, std::optional<int> maxTrialsThisRun,
                   std::optional<int> parallel);
};

} // namespace tw::cli
