#pragma once
#include "core/Distribution.h"
#include "core/SearchSpace.h"
#include "study/StudyView.h"

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace tw {

// The intersection search space (Optuna's search_space/intersection.py), the one relative
// space of the samplers that model parameters jointly (GP, multivariate TPE; #18): the
// parameters that every finished trial of interest holds, each with one and the same
// distribution in all of them. Trials of interest are the Complete ones, and the Pruned
// ones too with includePruned (Optuna's TPE does; its GP does not). A conditional parameter
// drops out as soon as one such trial lacks it. Parameters of a single value (fixed, one
// choice, low == high) are left out: there is nothing to model.
// Order: the study's declared (topological) order; by name when the study declares no space.
// Incremental: a finished trial is immutable, so each is folded in once; a view whose
// trials are not the ones folded (another study) starts afresh. Thread-safe.
class IntersectionSearchSpace {
public:
    explicit IntersectionSearchSpace(bool includePruned = false);

    SearchSpace calculate(const StudyView& study);

    static bool isSingleValued(const Distribution& distribution);

private:
    bool m_includePruned;
    std::mutex m_mutex;
    std::map<std::string, Distribution> m_common; // the intersection so far
    std::vector<std::int64_t> m_folded;           // per trial index: its id once folded, else -1
    bool m_started = false;
};

} // namespace tw
