#pragma once
#include <QString>

#include <optional>

namespace tw {

// How many trials one process runs at once (#13): what was asked (--parallel N or the spec's
// budget.parallel), capped at the trials left in the budget (and at this run's own cap, a
// worker's --trials N), and at `maximum` threads. More would only start idle threads: a
// --parallel of 100000 for a 200-trial budget ran for minutes and grew to 512 MB.
class ParallelCap {
public:
    static constexpr int maximum = 256;

    struct Result {
        int parallel = 1;
        QString note;  // why it was capped, for the terminal; empty when not capped
    };

    // `budgetLeft`: trials left in the study's budget; `runCap`: this run's own limit.
    static Result apply(int asked, int budgetLeft, std::optional<int> runCap = std::nullopt);
};

} // namespace tw
