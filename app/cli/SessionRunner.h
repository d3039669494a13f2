#pragma once
#include "StudySession.h"

#include <optional>

namespace tw::cli {

// Runs a study session from the command line: progress on stderr, Ctrl+C to pause (the
// running trials finish; a second Ctrl+C cancels them), then the leaderboard on stdout.
class SessionRunner {
public:
    // Returns the process exit code.
    static int run(StudySession& session, std::optional<int> maxTrialsThisRun,
                   std::optional<int> parallel);
};

} // namespace tw::cli
