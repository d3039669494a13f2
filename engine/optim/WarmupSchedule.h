#pragma once
#include "optim/LearningRateSchedule.h"

#include <memory>

namespace tw {

// Linear warmup (Goyal et al. 2017, section 2.2) in front of any schedule: the inner rate
// scaled by epoch / warmup while epoch < warmup, then the inner rate unchanged.
// CosineSchedule has the same warmup built in; this gives it to the other kinds.
class WarmupSchedule : public LearningRateSchedule {
public:
    // Throws std::invalid_argument for a null schedule or a warmup that is not > 0.
    WarmupSchedule(std::unique_ptr<LearningRateSchedule> inner, double warmupEpochs);
    double rate(double epoch) const override;
    void epochEnded(double monitoredLoss) override;

private:
    std::unique_ptr<LearningRateSchedule> m_inner;
    double m_warmup;
};

} // namespace tw
