#include "optim/ScheduleConfig.h"

#include "optim/ConstantSchedule.h"
#include "optim/CosineSchedule.h"
#include "optim/ExponentialSchedule.h"
#include "optim/ReduceOnPlateauSchedule.h"
#include "optim/StepSchedule.h"
#include "optim/WarmupSchedule.h"

#include <algorithm>
#include <stdexcept>

namespace tw {

std::string_view toString(ScheduleKind k)
{
    switch (k) {
    case ScheduleKind::Constant: return "constant";
    case ScheduleKind::Step: return "step";
    case ScheduleKind::Exponential: return "exponential";
    case ScheduleKind::Cosine: return "cosine";
    case ScheduleKind::ReduceOnPlateau: return "reduce_on_plateau";
    }
    return "constant";
}

std::optional<ScheduleKind> scheduleKindFromString(std::string_view name)
{
    for (ScheduleKind k : {ScheduleKind::Constant, ScheduleKind::Step, ScheduleKind::Exponential,
                           ScheduleKind::Cosine, ScheduleKind::ReduceOnPlateau})
        if (toString(k) == name)
            return k;
    return std::nullopt;
}

std::unique_ptr<LearningRateSchedule> ScheduleConfig::create(double baseRate, int totalEpochs) const
{
    if (!(warmupEpochs >= 0.0))
        throw std::invalid_argument("ScheduleConfig::create(): warmupEpochs must be >= 0");
    auto schedule = createUnwarmed(baseRate, totalEpochs);
    if (kind == ScheduleKind::Cosine || warmupEpochs == 0.0)
        return schedule;
    // As for cosine, a warmup longer than the run is cut to the run.
    return std::make_unique<WarmupSchedule>(std::move(schedule),
                                            std::min<double>(warmupEpochs, std::max(1, totalEpochs)));
}

std::unique_ptr<LearningRateSchedule> ScheduleConfig::createUnwarmed(double baseRate, int totalEpochs) const
{
    switch (kind) {
    case ScheduleKind::Constant: return std::make_unique<ConstantSchedule>(baseRate);
    case ScheduleKind::Step: return std::make_unique<StepSchedule>(baseRate, stepEpochs, gamma);
    case ScheduleKind::Exponential: return std::make_unique<ExponentialSchedule>(baseRate, gamma);
    case ScheduleKind::Cosine:
        // A warmup longer than the run is cut to the run (the schedule then never leaves it).
        return std::make_unique<CosineSchedule>(baseRate, std::max(1, totalEpochs),
                                                std::min<double>(warmupEpochs, std::max(1, totalEpochs)),
                                                std::min(minLearningRate, baseRate));
    case ScheduleKind::ReduceOnPlateau:
        return std::make_unique<ReduceOnPlateauSchedule>(baseRate, factor, patience, threshold, cooldown,
                                                         minLearningRate);
    }
    throw std::invalid_argument("ScheduleConfig::create(): unknown schedule kind");
}

} // namespace tw
