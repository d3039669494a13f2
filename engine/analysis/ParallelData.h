#pragma once
#include "core/Distribution.h"
#include "core/FrozenTrial.h"

#include <cstddef>
#include <string>
#include <vector>

namespace tw {

// Parallel coordinates: one axis per parameter common to the drawn trials (by name) and a
// last one for the objective; each complete trial a line through its positions in [0, 1]
// (Distribution::toUnit: log space for log parameters, a categorical's choices spread
// evenly), coloured by its value.
struct ParallelAxis {
    std::string name;
    Distribution distribution;  // the objective's axis: a Float over the values' range
    bool objective = false;
};

struct ParallelLine {
    int number = -1;
    double value = 0.0;
    std::vector<double> unit;  // one per axis, the objective's last
};

struct ParallelCoordinates {
    std::vector<ParallelAxis> axes;
    std::vector<ParallelLine> lines;
    double low = 0.0, high = 0.0;  // the objective's range
};

class ParallelData {
public:
    static ParallelCoordinates build(const std::vector<FrozenTrial>& trials, std::size_t maxLines = 2000);
};

} // namespace tw
