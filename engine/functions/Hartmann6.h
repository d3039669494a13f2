#pragma once
#include "functions/TestFunction.h"

namespace tw {

// Hartmann 6-D on [0, 1]^6; f* = -3.32237. Surjanovic & Bingham, Virtual Library of Simulation Experiments.
class Hartmann6 : public TestFunction {
public:
    Hartmann6();
    std::string name() const override { return "hartmann6"; }
    using TestFunction::evaluate;
    double evaluate(const std::vector<double>& x) const override;
    double optimumValue() const override;
    std::vector<std::vector<double>> optimumLocations() const override;
};

} // namespace tw
