#pragma once
#include "study/TrialEvent.h"

#include <chrono>
#include <functional>
#include <optional>

namespace tw {

struct StudyLoopOptions {
    int parallel = 1;                       // trials run at once, one per thread
    std::optional<int> maxTrialsThisRun;    // this process's own cap (worker --trials N)
    // Running trials beat this often, and stale trials (any process's) are failed and
    // retried at the same pace. 0 disables both.
    std::chrono::milliseconds heartbeatInterval{0};
    bool failStaleOnStart = true;           // resume: fail (and re-queue) trials left Running
    // Stop the run (as pause() does) when this many trials in a row fail with the same
    // reason (its first line); 0 = never. Re-queued trials (cancelled) do not count.
    int maxConsecutiveFailures = 0;
    // Called for each event, never concurrently, from the worker threads.
    std::function<void(const TrialEvent&)> onEvent;
};

} // namespace tw
