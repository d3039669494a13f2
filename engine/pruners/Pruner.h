#pragma once
#include "core/FrozenTrial.h"
#include "study/StudyView.h"

namespace tw {

// Decides whether a running trial should stop early. Pruners hold no mutable state: they
// read intermediate values from the study, so a resumed study prunes exactly as the
// original would.
class Pruner {
public:
    virtual ~Pruner() = default;
    virtual bool shouldPrune(const StudyView& study, const FrozenTrial& trial) const = 0;
};

} // namespace tw
