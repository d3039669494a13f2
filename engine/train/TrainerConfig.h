#pragma once
#include "ml/LossConfig.h"
#include "optim/OptimizerConfig.h"
#include "optim/ScheduleConfig.h"

#include <cstdint>
#include <string>

namespace tw {

struct EarlyStoppingConfig {
    int patience = 0;        // stop after this many epochs without improvement; 0 = off
    double minDelta = 0.0;   // an improvement must beat the best by more than this
    // The metric watched ("val_accuracy", ...); empty = "val_loss", or "train_loss" when
    // there is no validation set. Names ending in loss, rmse or mae are minimised, the
    // others maximised.
    std::string monitor;
    bool restoreBestWeights = true;  // end with the best epoch's weights (when patience > 0)
    bool operator==(const EarlyStoppingConfig&) const = default;
};

// Everything a training run needs besides the model and the data: a plain value that the
// spec parser fills in.
struct TrainerConfig {
    int epochs = 10;        // 0: no training; the result scores the initial weights
    int batchSize = 32;
    bool shuffle = true;    // reshuffle the training rows every epoch (seeded)
    std::uint64_t seed = 0; // shuffling, dropout and augmentation; the weights are the Model's
    // Data-parallel gradient threads within this run. Results are bit-identical for the same
    // seed and thread count, but differ between thread counts (summation order, and batch
    // norm's statistics are per thread's share of a batch).
    int threads = 1;
    OptimizerConfig optimizer;  // its learningRate is the schedule's base rate
    ScheduleConfig schedule;
    LossConfig loss;
    float l2 = 0.0f;              // adds l2 * W to the gradient of every weight matrix (the loss gains l2/2 ||W||^2)
    float gradientClipNorm = 0.0f;  // clip the gradient's global norm to this; 0 = off
    float batchNormMomentum = 0.1f; // running = (1 - m) running + m batch
    EarlyStoppingConfig earlyStopping;

    // Empty when valid, else the first problem ("batchSize: must be >= 1, got 0").
    std::string validationError() const;
    bool operator==(const TrainerConfig&) const = default;
};

} // namespace tw
