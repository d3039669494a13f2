#include "objectives/MisclassifiedRows.h"

#include <algorithm>

namespace tw {

void MisclassifiedRows::keepMostConfident()
{
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        if (a.probability != b.probability)
            return a.probability > b.probability;
        return a.row < b.row;
    });
    if (rows.size() > static_cast<size_t>(kMax))
        rows.resize(static_cast<size_t>(kMax));
}

} // namespace tw
