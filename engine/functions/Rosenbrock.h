#pragma once
#include "functions/TestFunction.h"

namespace tw {

// Rosenbrock on [-5, 10]^d (d >= 2); f* = 0 at (1, ..., 1). Surjanovic & Bingham, Virtual Library of Simulation Experiments.
class Rosenbrock : public TestFunction {
public:
    explicit Rosenbrock(int dim);
    std::string name() const override { return "rosenbrock"; }
    using TestFunction::evaluate;
    double evaluate(const std::vector<double>& x) const override;
    double optimumValue() const override;
    std::vector<std::vector<double>> optimumLocations() const override;
};

} // namespace tw
