#pragma once
#include "spec/BudgetSpec.h"
#include "spec/PrunerSpec.h"
#include "spec/RetrySpec.h"
#include "spec/SamplerSpec.h"
#include "spec/SpecReader.h"
#include "spec/StudySpec.h"

namespace tw::specparse {

// The study's settings beside its objective and search space: `sampler`, `pruner`,
// `budget` and `retry`.
class StudySettingsParser {
public:
    static SamplerSpec sampler(const SpecReader& r);
    // The grid sampler can enumerate every float parameter (a step, a resolution of its
    // own or the sampler's).
    static void checkGrid(const StudySpec& spec);
    // `spec` gives hyperband its default max_resource (the steps a full trial reports).
    static PrunerSpec pruner(const SpecReader& r, const StudySpec& spec);
    static BudgetSpec budget(const SpecReader& r);
    static RetrySpec retry(const SpecReader& r);
};

} // namespace tw::specparse
