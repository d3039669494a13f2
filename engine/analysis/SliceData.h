#pragma once
#include "core/Distribution.h"
#include "core/FrozenTrial.h"

#include <cstddef>
#include <string>
#include <vector>

namespace tw {

// What the slice view draws: for each parameter, the objective of every complete trial
// (finite value) against the parameter's value, with the trial's number for the colour.
struct ParamSlice {
    std::string param;
    Distribution distribution;  // the latest trial's; log axis when isLog()
    std::vector<double> x;      // internal values (a categorical's choice index)
    std::vector<double> value;
    std::vector<int> number;
};

class SliceData {
public:
    // One slice per parameter any such trial has, by name. With more than maxPoints trials,
    // an evenly spaced subset of them (by number, always keeping the first and last).
    static std::vector<ParamSlice> build(const std::vector<FrozenTrial>& trials, std::size_t maxPoints = 5000);
    // The trials the views draw: complete ones with a finite value, thinned to maxPoints.
    static std::vector<const FrozenTrial*> drawnTrials(const std::vector<FrozenTrial>& trials, std::size_t maxPoints);
};

} // namespace tw
