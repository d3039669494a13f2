#pragma once
#include "spec/EarlyStoppingSpec.h"
#include "spec/ScheduleSpec.h"

#include <cstdint>

namespace tw {

// `objective.training`: how one model is trained. Every key is optional.
struct TrainingSpec {
    enum class Optimizer { Sgd, Momentum, Nesterov, AdaGrad, RmsProp, Adam, AdamW };
    // auto: softmax cross-entropy for classification (binary cross-entropy for a
    // logistic model), MSE for regression.
    enum class Loss { Auto, Mse, Huber, CrossEntropy, BinaryCrossEntropy };

    Optimizer optimizer = Optimizer::Adam;
    double learningRate = 1e-3; // "learning_rate", > 0
    int batchSize = 32;         // "batch_size", >= 1
    int epochs = 20;            // >= 0; 0 trains nothing (the initial weights)
    double weightDecay = 0.0;   // "weight_decay", >= 0
    Loss loss = Loss::Auto;
    double labelSmoothing = 0.0; // "label_smoothing", in [0, 1)
    double huberDelta = 1.0;     // "huber_delta", > 0
    double momentum = 0.9;       // momentum, nesterov, rmsprop: in [0, 1)
    double beta1 = 0.9;          // adam, adamw: in [0, 1)
    double beta2 = 0.999;        // adam, adamw: in [0, 1)
    double epsilon = 1e-8;       // > 0
    double clipNorm = 0.0;       // "clip_norm": gradient clipping by global norm, 0 = off
    bool shuffle = true;
    ScheduleSpec schedule;
    EarlyStoppingSpec earlyStopping; // "early_stopping"
    std::uint64_t seed = 0;
    int threads = 1; // >= 1
};

} // namespace tw
