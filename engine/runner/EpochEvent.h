#pragma once
#include <map>
#include <string>

namespace tw {

// One epoch (or step) of one running trial, on its way from the engine to the live views.
struct EpochEvent {
    int trial = -1;
    long long step = 0;
    double value = 0;                       // the study's metric at this step
    std::map<std::string, double> metrics;  // train_loss, val_loss, val_accuracy, ...
};

} // namespace tw
