#pragma once
// A small, varied set of trials for the export and view tests: every state, a log float,
// a stepped int, a categorical of lists, a fixed string, NaN and infinite intermediates.
#include "core/FrozenTrial.h"

#include <cmath>
#include <limits>
#include <vector>

namespace tw::test {

inline std::vector<FrozenTrial> sampleTrials()
{
    using namespace std::chrono;
    const auto lr = Distribution::makeFloat(1e-4, 1e-1, true);
    const auto bs = Distribution::makeInt(16, 128, false, 16);
    const auto hidden = Distribution::makeCategorical({"[32]", "[64,64]", "[128,64]"});
    const auto opt = Distribution::makeFixed("\"adam\"");
    const TimePoint t0 = TimePoint{} + seconds(1'790'000'000);
    std::vector<FrozenTrial> out;
    const TrialState states[] = {TrialState::Complete, TrialState::Pruned, TrialState::Failed,
                                 TrialState::Complete, TrialState::Running};
    const double values[] = {0.91, 0, 0, 0.97, 0};
    for (int i = 0; i < 5; ++i) {
        FrozenTrial t;
        t.id = 10 + i;
        t.number = i;
        t.state = states[i];
        if (t.state == TrialState::Complete)
            t.value = values[i];
        t.params = {{"training.learning_rate", 0.001 * (i + 1)}, {"training.batch_size", 16.0 * (i + 1)},
                    {"model.hidden", double(i % 3)}, {"training.optimizer", 0.0}};
        t.distributions = {{"training.learning_rate", lr}, {"training.batch_size", bs},
                           {"model.hidden", hidden}, {"training.optimizer", opt}};
        t.started = t0 + seconds(10 * i);
        if (isFinished(t.state))
            t.finished = *t.started + milliseconds(2500);
        t.intermediate = {{0, 0.5 + i * 0.01}, {1, 0.6 + i * 0.01}};
        if (i == 2) {
            t.intermediate[2] = std::numeric_limits<double>::quiet_NaN();
            t.reason = "loss became NaN at epoch 2";
        }
        if (i == 1)
            t.intermediate[2] = std::numeric_limits<double>::infinity();
        out.push_back(t);
    }
    return out;
}

} // namespace tw::test
