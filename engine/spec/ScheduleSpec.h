#pragma once

namespace tw {

// `objective.training.schedule`: the learning-rate schedule. Keys of other types are
// accepted and ignored, so a search over the type may keep them all.
struct ScheduleSpec {
    enum class Type { Constant, Step, Exponential, Cosine, Plateau };
    Type type = Type::Constant;
    int warmupEpochs = 0; // "warmup_epochs", linear warm-up for any type, >= 0
    int stepSize = 10;    // "step_size" (step): epochs between decays, >= 1
    // (step, exponential): the decay factor in (0, 1]. Default 0.1 for step, 0.95 for
    // exponential.
    double gamma = 0.1;
    double minLr = 0.0;  // "min_lr" (cosine, plateau), >= 0
    double factor = 0.1; // (plateau) in (0, 1)
    int patience = 5;    // (plateau) epochs without val_loss improvement, >= 0
};

} // namespace tw
