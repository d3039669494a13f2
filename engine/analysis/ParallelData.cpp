#include "analysis/ParallelData.h"
#include "analysis/SliceData.h"

#include <algorithm>
#include <map>

namespace tw {

ParallelCoordinates ParallelData::build(const std::vector<FrozenTrial>& trials, std::size_t maxLines)
{
    ParallelCoordinates out;
    const auto drawn = SliceData::drawnTrials(trials, maxLines);
    if (drawn.empty())
        return out;
    // Parameters every drawn trial has, with the latest trial's distribution.
    std::map<std::string, Distribution> common = drawn.back()->distributions;
    for (const FrozenTrial* t : drawn)
        for (auto it = common.begin(); it != common.end();)
            it = t->params.count(it->first) ? std::next(it) : common.erase(it);
    out.low = out.high = *drawn.front()->value;
    for (const FrozenTrial* t : drawn) {
        out.low = std::min(out.low, *t->value);
        out.high = std::max(out.high, *t->value);
    }
    for (const auto& [name, dist] : common)
        out.axes.push_back({name, dist, false});
    out.axes.push_back({"objective", Distribution::makeFloat(out.low, out.high > out.low ? out.high : out.low + 1), true});
    for (const FrozenTrial* t : drawn) {
        ParallelLine line;
        line.number = t->number;
        line.value = *t->value;
        for (const auto& [name, dist] : common)
            line.unit.push_back(std::clamp(dist.toUnit(t->params.at(name)), 0.0, 1.0));
        line.unit.push_back(out.high > out.low ? (*t->value - out.low) / (out.high - out.low) : 0.5);
        out.lines.push_back(std::move(line));
    }
    return out;
}

} // namespace tw
