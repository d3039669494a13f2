#pragma once
#include <cstdint>
#include <map>
#include <string>

namespace tw {

// One epoch of a train objective, as the curve artifact, the training log and the CLI show
// it. With cross-validation, step = fold x epochs + epoch (fold 0-based, epoch 1-based).
struct TrainEpochRecord {
    std::int64_t step = 0;
    int fold = 0;
    int epoch = 0;
    double value = 0.0;  // the study's metric at this epoch
    std::map<std::string, double> metrics;  // train_loss, val_loss, val_accuracy, ...
    double learningRate = 0.0;
    double seconds = 0.0;
};

} // namespace tw
