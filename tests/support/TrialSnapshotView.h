#pragma once
// A StudyView over a plain vector of trials, and a minimal sequential ask/tell loop, for
// testing samplers without a Study. The loop samples a trial the way a Study does: the
// sampler's relative space first, then sampleIndependent for every active parameter the
// relative sampling left out, in the space's topological order.
#include "samplers/Sampler.h"
#include "study/StudyView.h"

#include <functional>
#include <stdexcept>
#include <vector>

namespace tw::test {

class TrialSnapshotView : public StudyView {
public:
    explicit TrialSnapshotView(SearchSpace space,
                               StudyDirection direction = StudyDirection::Minimize,
                               std::vector<FrozenTrial> trials = {})
        : m_space(std::move(space))
        , m_direction(direction)
        , m_trials(std::move(trials))
    {
        const std::string err = m_space.validate();
        if (!err.empty())
            throw std::invalid_argument("TrialSnapshotView: " + err);
    }
    StudyDirection direction() const override { return m_direction; }
    const SearchSpace& searchSpace() const override { return m_space; }
    const std::vector<FrozenTrial>& trials() const override { return m_trials; }
    std::vector<FrozenTrial>& mutableTrials() { return m_trials; }

    // Appends a Running trial with the next number and returns its index.
    std::size_t addRunning()
    {
        FrozenTrial t;
        t.number = static_cast<int>(m_trials.size());
        t.id = t.number;
        t.state = TrialState::Running;
        m_trials.push_back(t);
        return m_trials.size() - 1;
    }

    // Samples the parameters of trial `index` (already in trials()) as a Study would.
    void sample(Sampler& sampler, std::size_t index)
    {
        const FrozenTrial snapshot = m_trials[index];
        const SearchSpace relative = sampler.relativeSearchSpace(*this, snapshot);
        ParamValues rel;
        if (!relative.empty())
            rel = sampler.sampleRelative(*this, snapshot, relative);
        ParamValues chosen;
        std::map<std::string, Distribution> dists;
        for (const auto& p : m_space.params()) {
            if (!m_space.isActive(p, chosen))
                continue;
            auto it = rel.find(p.name);
            double v = 0;
            if (it != rel.end() && relative.find(p.name) &&
                relative.find(p.name)->distribution == p.distribution)
                v = it->second;
            else
                v = sampler.sampleIndependent(*this, snapshot, p.name, p.distribution);
            chosen[p.name] = v;
            dists[p.name] = p.distribution;
        }
        m_trials[index].params = chosen;
        m_trials[index].distributions = dists;
    }

    void complete(std::size_t index, double value)
    {
        m_trials[index].state = TrialState::Complete;
        m_trials[index].value = value;
    }

    // Runs `count` sequential trials; returns the best value after each trial.
    std::vector<double> run(Sampler& sampler, int count,
                            const std::function<double(const ParamValues&)>& objective)
    {
        std::vector<double> bestSoFar;
        double best = 0;
        for (int i = 0; i < count; ++i) {
            const std::size_t index = addRunning();
            sample(sampler, index);
            const double v = objective(m_trials[index].params);
            complete(index, v);
            sampler.afterTrial(*this, m_trials[index]);
            const bool better = m_direction == StudyDirection::Minimize ? v < best : v > best;
            if (i == 0 || better)
                best = v;
            bestSoFar.push_back(best);
        }
        return bestSoFar;
    }

private:
    SearchSpace m_space;
    StudyDirection m_direction;
    std::vector<FrozenTrial> m_trials;
};

} // namespace tw::test
