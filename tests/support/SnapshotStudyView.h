#pragma once
// A StudyView over a plain vector of FrozenTrial: a legitimate snapshot fixture for sampler
// tests, and runSamplerLoop(), a minimal sequential ask/tell driver over it (one worker,
// instant objective), the same life a Study gives each trial: created Running, relative
// sample, then each active parameter in topological order, the sampler's method and
// snapshot as system attrs, then finished.
#include "core/SearchSpace.h"
#include "samplers/Sampler.h"
#include "study/StudyView.h"

#include <functional>
#include <vector>

namespace tw::test {

class SnapshotStudyView : public StudyView {
public:
    SnapshotStudyView(StudyDirection direction, SearchSpace space)
        : m_direction(direction)
        , m_space(std::move(space))
    {
    }
    StudyDirection direction() const override { return m_direction; }
    const SearchSpace& searchSpace() const override { return m_space; }
    const std::vector<FrozenTrial>& trials() const override { return m_trials; }

    std::vector<FrozenTrial>& mutableTrials() { return m_trials; }
    FrozenTrial& add(FrozenTrial t)
    {
        t.number = static_cast<int>(m_trials.size());
        t.id = t.number;
        m_trials.push_back(std::move(t));
        return m_trials.back();
    }

private:
    StudyDirection m_direction;
    SearchSpace m_space;
    std::vector<FrozenTrial> m_trials;
};

// Suggests the parameters of a new Running trial appended to `view`, as a Study would.
inline FrozenTrial& suggestTrial(SnapshotStudyView& view, Sampler& sampler)
{
    FrozenTrial fresh;
    fresh.state = TrialState::Running;
    const int index = view.add(fresh).number;
    // Re-fetch after each step: the view's vector is the snapshot samplers read.
    auto current = [&]() -> FrozenTrial& { return view.mutableTrials()[static_cast<size_t>(index)]; };
    const SearchSpace relative = sampler.relativeSearchSpace(view, current());
    const ParamValues joint = sampler.sampleRelative(view, current(), relative);
    for (const ParamSpec& p : view.searchSpace().params()) {
        if (!view.searchSpace().isActive(p, current().params))
            continue;
        double v = 0.0;
        const auto it = joint.find(p.name);
        if (it != joint.end() && relative.find(p.name))
            v = it->second;
        else
            v = sampler.sampleIndependent(view, current(), p.name, p.distribution);
        current().params[p.name] = v;
        current().distributions[p.name] = p.distribution;
    }
    // As the Study: the method, and what the suggestion was made from (#16, #17).
    if (const std::string method = sampler.samplingMethod(view, current()); !method.empty()) {
        current().systemAttrs["sampler_method"] = "\"" + method + "\"";
        if (std::string snapshot = sampler.suggestionSnapshot(view, current()); !snapshot.empty())
            current().systemAttrs[method + "_snapshot"] = std::move(snapshot);
    }
    return current();
}

// Runs `trials` sequential trials; returns the best value after each trial.
inline std::vector<double> runSamplerLoop(SnapshotStudyView& view, Sampler& sampler, int trials,
                                          const std::function<double(const ParamValues&)>& objective)
{
    std::vector<double> best;
    double top = 0.0;
    for (int i = 0; i < trials; ++i) {
        FrozenTrial& t = suggestTrial(view, sampler);
        const double v = objective(t.params);
        t.value = v;
        t.state = TrialState::Complete;
        if (best.empty() || isBetter(view.direction(), v, top))
            top = v;
        best.push_back(top);
        sampler.afterTrial(view, t);
    }
    return best;
}

} // namespace tw::test
