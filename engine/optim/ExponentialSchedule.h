#pragma once
#include "optim/LearningRateSchedule.h"

namespace tw {

// Exponential decay per epoch (PyTorch's ExponentialLR): base * gamma^floor(epoch).
class ExponentialSchedule : public LearningRateSchedule {
public:
    ExponentialSchedule(double baseRate, double gamma);
    double rate(double epoch) const override;

private:
    double m_base;
    double m_gamma;
};

} // namespace tw
