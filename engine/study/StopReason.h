#pragma once
#include <string_view>

namespace tw {

// Why Study::ask() gave no trial.
enum class StopReason {
    None,           // it did give one
    TrialBudget,    // the study's trial budget (all processes) is used up
    Timeout,        // this run's wall-time budget is spent
    GridExhausted,  // a finite sampler handed out every point
    ConsecutiveFailures,  // trials kept failing with the same reason (StudyLoop)
};

std::string_view toString(StopReason reason);

} // namespace tw
