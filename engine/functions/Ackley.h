#pragma once
#include "functions/TestFunction.h"

namespace tw {

// Ackley (a = 20, b = 0.2, c = 2 pi) on [-32.768, 32.768]^d; f* = 0 at 0. Surjanovic & Bingham, Virtual Library of Simulation Experiments.
class Ackley : public TestFunction {
public:
    explicit Ackley(int dim);
    std::string name() const override { return "ackley"; }
    using TestFunction::evaluate;
    double evaluate(const std::vector<double>& x) const override;
    double optimumValue() const override;
    std::vector<std::vector<double>> optimumLocations() const override;
};

} // namespace tw
