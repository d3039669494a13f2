#pragma once
#include "optim/LearningRateSchedule.h"

namespace tw {

// The base rate throughout.
class ConstantSchedule : public LearningRateSchedule {
public:
    explicit ConstantSchedule(double baseRate) : m_base(baseRate) {}
    double rate(double) const override { return m_base; }

private:
    double m_base;
};

} // namespace tw
