#pragma once
#include "functions/TestFunction.h"

namespace tw {

// Branin-Hoo on x0 in [-5, 10], x1 in [0, 15]; f* = 0.397887 at three points. Surjanovic & Bingham, Virtual Library of Simulation Experiments.
class Branin : public TestFunction {
public:
    Branin();
    std::string name() const override { return "branin"; }
    using TestFunction::evaluate;
    double evaluate(const std::vector<double>& x) const override;
    double optimumValue() const override;
    std::vector<std::vector<double>> optimumLocations() const override;
};

} // namespace tw
