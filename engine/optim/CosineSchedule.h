#pragma once
#include "optim/LearningRateSchedule.h"

namespace tw {

// Cosine annealing (Loshchilov & Hutter 2017, SGDR without restarts) after a linear warmup
// (Goyal et al. 2017): base * epoch / warmup during the warmup, then
// min + (base - min) (1 + cos(pi (epoch - warmup) / (total - warmup))) / 2.
class CosineSchedule : public LearningRateSchedule {
public:
    CosineSchedule(double baseRate, double totalEpochs, double warmupEpochs = 0.0, double minRate = 0.0);
    double rate(double epoch) const override;

private:
    double m_base;
    double m_total;
    double m_warmup;
    double m_min;
};

} // namespace tw
