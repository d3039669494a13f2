#pragma once
#include "modelio/SavedModel.h"
#include "objectives/TrainEpochRecord.h"

#include <functional>

namespace tw {

// The optional parts of one TrainObjective::run().
struct TrainObjectiveOptions {
    int trialNumber = -1;  // EpochEvent::trial
    // Starts from these weights (and their preprocessing) instead of fresh ones. The spec's
    // model must have the same shape, classes and features.
    const SavedModel* initModel = nullptr;
    // Every epoch, with more detail than an EpochEvent (training logs, the CLI).
    std::function<void(const TrainEpochRecord&)> onEpoch;
};

} // namespace tw
