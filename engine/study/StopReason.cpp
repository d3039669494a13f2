#include "study/StopReason.h"

namespace tw {

std::string_view toString(StopReason reason)
{
    switch (reason) {
    case StopReason::None: return "none";
    case StopReason::TrialBudget: return "trial budget reached";
    case StopReason::Timeout: return "time budget reached";
    case StopReason::GridExhausted: return "grid exhausted";
    case StopReason::ConsecutiveFailures: return "trials kept failing with the same reason";
    }
    return "unknown";
}

} // namespace tw
