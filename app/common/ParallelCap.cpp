#include "ParallelCap.h"

#include <algorithm>

namespace tw {

ParallelCap::Result ParallelCap::apply(int asked, int budgetLeft, std::optional<int> runCap)
{
    Result r;
    r.parallel = std::max(1, asked);
    if (budgetLeft <= 0 || (runCap && *runCap <= 0)) {
        r.parallel = 1;  // nothing is left to run: no note about it
        return r;
    }
    const int left = std::max(1, runCap ? std::min(budgetLeft, *runCap) : budgetLeft);
    if (r.parallel > maximum && maximum <= left) {
        r.note = QStringLiteral("parallel %1 capped at %2, the most trials one process runs at once")
                     .arg(asked)
                     .arg(maximum);
        r.parallel = maximum;
    } else if (r.parallel > left) {
        r.note = QStringLiteral("parallel %1 capped at %2, the trials left %3")
                     .arg(asked)
                     .arg(left)
                     .arg(runCap && *runCap < budgetLeft ? QStringLiteral("for this run (--trials)")
                                                         : QStringLiteral("in the budget"));
        r.parallel = left;
    }
    return r;
}

} // namespace tw
