#pragma once
#include "study/Study.h"

#include <string>

namespace tw {

// Which trained models a study keeps (artifact "model"): those of the best K complete
// trials, plus every trial whose user attr "pinned" is true. Models are large; the rest
// of a trial (metrics, curve, confusion, misclassified rows) is kept for every trial.
class ModelRetention {
public:
    static constexpr int kKeepBest = 3;

    // Called when `trial` is about to complete with `value`: stores `modelBytes` if the
    // trial is among the best `keep` complete trials (counting itself) or is pinned, then
    // deletes the model of every complete trial that is neither (any more). Returns
    // whether the trial's model was stored. Serialised within the process; across
    // processes the worst case is a model kept too many, never a best one deleted.
    static bool keep(Study& study, const FrozenTrial& trial, double value, const std::string& modelBytes,
                     int keep = kKeepBest);

    static bool isPinned(const FrozenTrial& trial);
};

} // namespace tw
