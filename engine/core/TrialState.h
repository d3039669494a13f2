#pragma once
#include <optional>
#include <string_view>

namespace tw {

// The life of a trial. Waiting: enqueued, not yet claimed. Finished states are final.
enum class TrialState { Waiting, Running, Complete, Pruned, Failed };

// Lower-case names as in the study spec's output formats ("complete", "pruned", ...).
std::string_view toString(TrialState state);
std::optional<TrialState> trialStateFromString(std::string_view text);
inline bool isFinished(TrialState s)
{
    return s == TrialState::Complete || s == TrialState::Pruned || s == TrialState::Failed;
}

} // namespace tw
