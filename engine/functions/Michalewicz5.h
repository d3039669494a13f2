#pragma once
#include "functions/TestFunction.h"

namespace tw {

// Michalewicz (m = 10), -sum(sin(x_i) sin(i x_i^2 / pi)^20), in dimension 5 (the one whose
// optimum is published) on [0, pi]^5; f* = -4.687658179. Surjanovic & Bingham, Virtual
// Library of Simulation Experiments; the same definition and domain as
// ../shared/peers/hpo_functions.py.
class Michalewicz5 : public TestFunction {
public:
    Michalewicz5();
    std::string name() const override { return "michalewicz5"; }
    using TestFunction::evaluate;
    double evaluate(const std::vector<double>& x) const override;
    double optimumValue() const override;
    std::vector<std::vector<double>> optimumLocations() const override;
};

} // namespace tw
