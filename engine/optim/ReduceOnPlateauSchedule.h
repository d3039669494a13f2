#pragma once
#include "optim/LearningRateSchedule.h"

#include <limits>

namespace tw {

// Reduce-on-plateau, as PyTorch's ReduceLROnPlateau (mode "min", relative threshold):
// when the monitored loss has not improved on the best by more than `threshold` (relative)
// for more than `patience` epochs, the rate is multiplied by `factor` (not below
// minRate), then `cooldown` epochs pass before bad epochs count again.
class ReduceOnPlateauSchedule : public LearningRateSchedule {
public:
    ReduceOnPlateauSchedule(double baseRate, double factor = 0.1, int patience = 10,
                            double threshold = 1e-4, int cooldown = 0, double minRate = 0.0);
    double rate(double) const override { return m_rate; }
    void epochEnded(double monitoredLoss) override;

private:
    double m_rate;
    double m_factor;
    int m_patience;
    double m_threshold;
    int m_cooldown;
    double m_min;
    double m_best = std::numeric_limits<double>::infinity();
    int m_badEpochs = 0;
    int m_cooldownLeft = 0;
};

} // namespace tw
