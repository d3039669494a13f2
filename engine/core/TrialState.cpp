#include "core/TrialState.h"

namespace tw {

std::string_view toString(TrialState state)
{
    switch (state) {
    case TrialState::Waiting: return "waiting";
    case TrialState::Running: return "running";
    case TrialState::Complete: return "complete";
    case TrialState::Pruned: return "pruned";
    case TrialState::Failed: return "failed";
    }
    return "unknown";
}

std::optional<TrialState> trialStateFromString(std::string_view text)
{
    for (auto s : {TrialState::Waiting, TrialState::Running, TrialState::Complete,
                   TrialState::Pruned, TrialState::Failed})
        if (toString(s) == text)
            return s;
    return std::nullopt;
}

} // namespace tw
