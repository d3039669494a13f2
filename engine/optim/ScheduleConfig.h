#pragma once
#include "optim/LearningRateSchedule.h"

#include <memory>
#include <optional>
#include <string_view>

namespace tw {

enum class ScheduleKind { Constant, Step, Exponential, Cosine, ReduceOnPlateau };

// "constant", "step", "exponential", "cosine", "reduce_on_plateau"
std::string_view toString(ScheduleKind k);
std::optional<ScheduleKind> scheduleKindFromString(std::string_view name);

// A plain description of a schedule (what a spec holds); create() builds it.
struct ScheduleConfig {
    ScheduleKind kind = ScheduleKind::Constant;
    int stepEpochs = 10;           // step
    double gamma = 0.1;            // step, exponential
    double warmupEpochs = 0.0;     // every kind: linear warmup from 0 over these epochs
    double minLearningRate = 0.0;  // cosine, reduce_on_plateau
    double factor = 0.1;           // reduce_on_plateau
    int patience = 10;             // reduce_on_plateau
    double threshold = 1e-4;       // reduce_on_plateau (relative)
    int cooldown = 0;              // reduce_on_plateau

    // Throws std::invalid_argument (naming the schedule class) for invalid values.
    std::unique_ptr<LearningRateSchedule> create(double baseRate, int totalEpochs) const;
    bool operator==(const ScheduleConfig&) const = default;

private:
    std::unique_ptr<LearningRateSchedule> createUnwarmed(double baseRate, int totalEpochs) const;
};

} // namespace tw
