#pragma once
#include "runner/EpochEvent.h"
#include "spec/StudySpec.h"
#include "study/StudyLoop.h"

#include <functional>

namespace tw {

// The objective a study spec names, as the optimizer's per-trial function:
//  - function: a built-in test function of the trial's params;
//  - command: the user's program, run through the protocol of docs/study-spec.md;
//  - train: the training engine on the spec's dataset and model, with the trial's
//    params set into the objective by dotted path.
// Per-epoch metrics go to `epochs` (live plots); intermediate values go to the study.
class TrialObjectives {
public:
    using EpochSink = std::function<void(const EpochEvent&)>;
    static StudyLoop::Objective make(const StudySpec& spec, const QString& studyName,
                                          EpochSink epochs);
};

} // namespace tw
