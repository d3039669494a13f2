#include "analysis/EdfData.h"

#include <algorithm>
#include <cmath>

namespace tw {

EdfCurve EdfData::build(const std::vector<FrozenTrial>& trials)
{
    std::vector<double> v;
    for (const FrozenTrial& t : trials)
        if (t.state == TrialState::Complete && t.value && std::isfinite(*t.value))
            v.push_back(*t.value);
    std::sort(v.begin(), v.end());
    EdfCurve out;
    const double n = static_cast<double>(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i + 1 < v.size() && v[i + 1] == v[i])
            continue;  // ties: one step to the fraction at or below
        out.value.push_back(v[i]);
        out.fraction.push_back(static_cast<double>(i + 1) / n);
    }
    return out;
}

} // namespace tw
