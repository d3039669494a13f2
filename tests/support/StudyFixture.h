#pragma once
// A real study history for pruner and study tests: an InMemoryStorage, one study, and
// helpers that add trials with given intermediate values and states.
#include "study/InMemoryStorage.h"
#include "study/StorageStudyView.h"

#include <map>
#include <memory>
#include <optional>

namespace tw::test {

class StudyFixture {
public:
    explicit StudyFixture(tw::StudyDirection direction = tw::StudyDirection::Minimize)
        : direction(direction)
    {
        tw::StudyRecord rec;
        rec.name = "fixture";
        rec.direction = direction;
        record = storage.createStudy(rec);
    }

    // Adds a trial that reported `values` (step -> value), then ends in `state`
    // (Running leaves it running). A Complete trial's value is its last intermediate.
    tw::FrozenTrial add(const std::map<std::int64_t, double>& values,
                        tw::TrialState state = tw::TrialState::Complete)
    {
        tw::FrozenTrial t;
        t.state = tw::TrialState::Running;
        const auto made = storage.createTrial(record.id, t);
        for (const auto& [step, v] : values)
            storage.reportIntermediate(made->id, step, v);
        if (state != tw::TrialState::Running) {
            std::optional<double> value;
            if (state == tw::TrialState::Complete)
                value = values.empty() ? 0.0 : values.rbegin()->second;
            storage.finishTrial(made->id, state, value, "", tw::Clock::now());
        }
        return storage.trial(made->id);
    }

    // A fresh snapshot of the study.
    std::unique_ptr<tw::StorageStudyView> view()
    {
        auto v = std::make_unique<tw::StorageStudyView>(storage, record.id, direction, tw::SearchSpace());
        v->refresh();
        return v;
    }

    tw::InMemoryStorage storage;
    tw::StudyRecord record;
    tw::StudyDirection direction;
};

} // namespace tw::test
