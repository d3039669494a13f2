#pragma once
#include "core/TrialState.h"

#include <optional>
#include <string>

namespace tw {

// What an objective returns for one trial: an expected outcome is a value, not an
// exception (an exception thrown by an objective still becomes a Failed trial).
struct TrialOutcome {
    TrialState state = TrialState::Complete;
    std::optional<double> value;  // for Complete; NaN makes the trial Failed
    std::string reason;           // for Pruned and Failed

    static TrialOutcome complete(double value) { return {TrialState::Complete, value, {}}; }
    static TrialOutcome pruned(std::string reason = {}) { return {TrialState::Pruned, std::nullopt, std::move(reason)}; }
    static TrialOutcome failed(std::string reason) { return {TrialState::Failed, std::nullopt, std::move(reason)}; }
};

} // namespace tw
