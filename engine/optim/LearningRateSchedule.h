#pragma once

namespace tw {

// The learning rate over training. `epoch` is 0-based and fractional: the trainer asks
// for the rate of batch b of epoch e (of B batches) at e + b / B, so schedules can change
// the rate within an epoch (warmup) or only at epoch boundaries (step, exponential).
class LearningRateSchedule {
public:
    virtual ~LearningRateSchedule() = default;
    virtual double rate(double epoch) const = 0;
    // Called after each epoch with the monitored loss (lower is better); only
    // reduce-on-plateau listens.
    virtual void epochEnded(double /*monitoredLoss*/) {}
};

} // namespace tw
