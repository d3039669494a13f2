#pragma once

namespace tw {

// `budget`. `trials` is the study's total across all its processes; complete and pruned
// trials count, and so does a failed trial that will not be retried.
struct BudgetSpec {
    int trials = 100;      // >= 1
    double timeoutS = 0.0; // "timeout_s": wall time per process, >= 0, 0 = no limit
    int parallel = 1;      // trials one process runs at once, >= 1
};

} // namespace tw
