#pragma once
#include "core/TrialState.h"

#include <optional>
#include <string>

namespace tw {

// What an objective returns for one trial: an expected outcome is a value, not an
// exception (an exception thrown by an objective still becomes a Failed trial).
struct TrialOutcome {
    // What a failure says about the study (the CLI's exit code when failures stop it,
    // see StudyLoopOptions::maxConsecutiveFailures).
    enum class Cause {
        Trial,        // this trial's own result (a NaN, a diverged training...)
        Setup,        // the data or the setup: a missing file, a bad column, a command
                      // that cannot start or exits with an error
        Environment,  // the machine: killed by a signal, out of memory, timed out
    };
    TrialState state = TrialState::Complete;
    std::optional<double> value;  // for Complete; NaN makes the trial Failed
    std::string reason;           // for Pruned and Failed
    Cause cause = Cause::Trial;   // for Failed

    static TrialOutcome complete(double value) { return {TrialState::Complete, value, {}}; }
    static TrialOutcome pruned(std::string reason = {}) { return {TrialState::Pruned, std::nullopt, std::move(reason)}; }
    static TrialOutcome failed(std::string reason, Cause cause = Cause::Trial)
    {
        return {TrialState::Failed, std::nullopt, std::move(reason), cause};
    }
};

} // namespace tw
