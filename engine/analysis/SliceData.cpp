#include "analysis/SliceData.h"

#include <cmath>
#include <map>

namespace tw {

std::vector<const FrozenTrial*> SliceData::drawnTrials(const std::vector<FrozenTrial>& trials, std::size_t maxPoints)
{
    std::vector<const FrozenTrial*> all;
    for (const FrozenTrial& t : trials)
        if (t.state == TrialState::Complete && t.value && std::isfinite(*t.value))
            all.push_back(&t);
    if (maxPoints < 2 || all.size() <= maxPoints)
        return all;
    std::vector<const FrozenTrial*> kept;
    kept.reserve(maxPoints);
    for (std::size_t i = 0; i < maxPoints; ++i)
        kept.push_back(all[i * (all.size() - 1) / (maxPoints - 1)]);
    return kept;
}

std::vector<ParamSlice> SliceData::build(const std::vector<FrozenTrial>& trials, std::size_t maxPoints)
{
    std::map<std::string, ParamSlice> slices;
    for (const FrozenTrial* t : drawnTrials(trials, maxPoints))
        for (const auto& [name, internal] : t->params) {
            ParamSlice& s = slices[name];
            s.param = name;
            if (auto d = t->distributions.find(name); d != t->distributions.end())
                s.distribution = d->second;
            s.x.push_back(internal);
            s.value.push_back(*t->value);
            s.number.push_back(t->number);
        }
    std::vector<ParamSlice> out;
    for (auto& [name, s] : slices)
        out.push_back(std::move(s));
    return out;
}

} // namespace tw
