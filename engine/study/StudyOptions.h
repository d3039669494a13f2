#pragma once
#include "core/FrozenTrial.h"

#include <chrono>
#include <functional>
#include <optional>

namespace tw {

// How a Study runs. Budgets: `maxTrials` is the study's total across every process (it
// is checked atomically by the storage when a trial is created); `timeout` is the wall
// time of this Study object's run, from its construction.
//
// Retry policy. A trial failed as stale (its heartbeat is older than `grace`) is retried
// when maxRetries > 0; a trial the objective failed is retried too when `retryFailed`.
// A retry is a new Waiting trial with the same params and system attrs "retry_of" (the
// failed trial's number) and "retry_attempt" (1, 2...); the failed trial gets system
// attr "retried" = true, which takes it out of the budget so its retry fits in. A chain
// stops after maxRetries retries. If the slot freed that way is taken by another process
// before the retry is created (or the process dies in between), the retry is skipped:
// no trial is ever counted twice.
struct StudyOptions {
    std::optional<int> maxTrials;
    std::optional<std::chrono::milliseconds> timeout;
    int maxRetries = 0;
    bool retryFailed = false;
    std::chrono::seconds grace{60};
    // How often the duplicate guard asks the sampler again for a configuration that a
    // finished trial already had. After that the repeat is accepted (tiny spaces).
    int duplicateResamples = 5;
    // How long this process may hold a running trial's intermediate values, log text and
    // heartbeats before writing them, as one transaction (TrialWriteBuffer). The trial's
    // own pruner sees its values at once; others see them up to this much later, and
    // pruners here see other trials' changes up to this much later (finished ones at
    // once when this Study told them). A kill -9 may lose the last interval of a running
    // trial; never a finished one. 0 writes every call at once.
    std::chrono::milliseconds flushInterval{100};
    // Where time comes from; tests inject their own. Defaults to Clock::now.
    std::function<TimePoint()> clock;
};

} // namespace tw
