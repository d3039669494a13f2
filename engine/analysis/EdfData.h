#pragma once
#include "core/FrozenTrial.h"

#include <vector>

namespace tw {

// The empirical distribution function of a study's objective: the complete trials' finite
// values ascending, and for each the fraction of them at or below it (a step curve).
struct EdfCurve {
    std::vector<double> value;
    std::vector<double> fraction;
};

class EdfData {
public:
    static EdfCurve build(const std::vector<FrozenTrial>& trials);
};

} // namespace tw
