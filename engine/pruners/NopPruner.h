#pragma once
#include "pruners/Pruner.h"

namespace tw {

// Never prunes ("pruner": {"type": "none"}).
class NopPruner : public Pruner {
public:
    bool shouldPrune(const StudyView&, const FrozenTrial&) const override { return false; }
};

} // namespace tw
