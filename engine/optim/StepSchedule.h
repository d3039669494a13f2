#pragma once
#include "optim/LearningRateSchedule.h"

namespace tw {

// Step decay (PyTorch's StepLR): base * gamma^floor(epoch / stepEpochs).
class StepSchedule : public LearningRateSchedule {
public:
    StepSchedule(double baseRate, int stepEpochs, double gamma);
    double rate(double epoch) const override;

private:
    double m_base;
    int m_stepEpochs;
    double m_gamma;
};

} // namespace tw
