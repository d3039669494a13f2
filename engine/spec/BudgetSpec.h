#pragma once
#include <optional>

namespace tw {

// `budget`. `trials` is the study's total across all its processes; complete and pruned
// trials count, and so does a failed trial that is not run again (retried or re-queued).
struct BudgetSpec {
    int trials = 100;      // >= 1
    double timeoutS = 0.0; // "timeout_s": wall time per process, >= 0, 0 = no limit
    int parallel = 1;      // trials one process runs at once, >= 1
    // "max_consecutive_failures": stop when this many trials in a row fail with the same
    // reason, >= 0, 0 = never. Unset when the spec does not say: a new study then records
    // defaultMaxConsecutiveFailures in its stored spec; a study stored without the key
    // (before it existed) keeps running without the check (StudySession).
    std::optional<int> maxConsecutiveFailures;
    static constexpr int defaultMaxConsecutiveFailures = 3;
};

} // namespace tw
