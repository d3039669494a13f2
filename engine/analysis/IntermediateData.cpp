#include "analysis/IntermediateData.h"

#include <cmath>

namespace tw {

std::vector<IntermediateCurve> IntermediateData::build(const std::vector<FrozenTrial>& trials, std::size_t maxTrials)
{
    std::vector<IntermediateCurve> out;
    for (const FrozenTrial& t : trials) {
        if (t.intermediate.empty())
            continue;
        IntermediateCurve c;
        c.number = t.number;
        c.state = t.state;
        for (const auto& [step, value] : t.intermediate)
            if (std::isfinite(value)) {
                c.step.push_back(static_cast<double>(step));
                c.value.push_back(value);
            }
        if (!c.step.empty())
            out.push_back(std::move(c));
    }
    if (maxTrials > 0 && out.size() > maxTrials)
        out.erase(out.begin(), out.end() - static_cast<std::ptrdiff_t>(maxTrials));
    return out;
}

} // namespace tw
