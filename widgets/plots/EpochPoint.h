#pragma once

namespace tw::widgets {

// One epoch of one trial, as the live views draw it. NaN marks a missing value.
struct EpochPoint {
    int trial = -1;
    double step = 0;
    double trainLoss = 0;
    double valLoss = 0;
};

} // namespace tw::widgets
