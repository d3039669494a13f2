#pragma once
#include "core/FrozenTrial.h"
#include "study/StudyView.h"

namespace tw {

// A sampler with finitely many configurations to hand out (a grid). A Study asks it
// before and after creating a trial, and stops once every point has been handed out.
// Implemented next to Sampler by such samplers; the Study finds it by dynamic_cast.
class FiniteSampler {
public:
    virtual ~FiniteSampler() = default;
    // Whether a trial created now would find no point left (a cheap early stop).
    virtual bool exhausted(const StudyView& study) = 0;
    // How many points there are: the Study creates a sampled trial only while fewer
    // sampled trials exist (StudyStorage::createTrial's maxSampled, checked atomically).
    virtual long long pointCount(const StudyView& study) = 0;
    // Whether `trial`, created and numbered, has a point of its own. Only false when
    // workers raced for the last points: the Study then discards the trial.
    virtual bool hasPointFor(const StudyView& study, const FrozenTrial& trial) = 0;
};

} // namespace tw
