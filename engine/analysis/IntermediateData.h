#pragma once
#include "core/FrozenTrial.h"

#include <cstddef>
#include <vector>

namespace tw {

// The intermediate values view: each trial's reported values by step (finite ones), with
// its state so pruned ones can be dimmed. At most maxTrials curves: the most recent ones.
struct IntermediateCurve {
    int number = -1;
    TrialState state = TrialState::Running;
    std::vector<double> step;
    std::vector<double> value;
};

class IntermediateData {
public:
    static std::vector<IntermediateCurve> build(const std::vector<FrozenTrial>& trials, std::size_t maxTrials = 1000);
};

} // namespace tw
