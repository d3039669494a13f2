#pragma once
#include "core/FrozenTrial.h"
#include "core/SearchSpace.h"
#include "study/StudyView.h"

#include <string>
#include <string_view>

namespace tw {

// The narrow seam every sampler implements (after Optuna's BaseSampler). One method is
// required; the others are no-op defaults. Values are internal (see Distribution).
// Relative sampling sees the whole space at once (GP, multivariate TPE); parameters it
// leaves out are sampled independently.
class Sampler {
public:
    virtual ~Sampler() = default;
    virtual SearchSpace relativeSearchSpace(const StudyView&, const FrozenTrial&) { return {}; }
    virtual ParamValues sampleRelative(const StudyView&, const FrozenTrial&, const SearchSpace&)
    {
        return {};
    }
    virtual double sampleIndependent(const StudyView& study, const FrozenTrial& trial,
                                     std::string_view name, const Distribution& dist) = 0;
    virtual void afterTrial(const StudyView&, const FrozenTrial&) {}
    // The method that chose `trial`'s values ("random", "sobol", "grid", "gp", "tpe",
    // "cmaes"), asked right after sampling with the same view; the Study stores it as the
    // trial's system attr "sampler_method" (#17). Empty: nothing is stored.
    virtual std::string samplingMethod(const StudyView&, const FrozenTrial&) { return {}; }
    // What the suggestion for `trial` was made from, as JSON (GPSnapshot for "gp",
    // TPESnapshot for "tpe"), asked right after samplingMethod; stored as the system attr
    // "<method>_snapshot" ("gp_snapshot", "tpe_snapshot") (#16). Empty: none.
    virtual std::string suggestionSnapshot(const StudyView&, const FrozenTrial&) { return {}; }
};

} // namespace tw
