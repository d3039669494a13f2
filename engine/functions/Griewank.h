#pragma once
#include "functions/TestFunction.h"

namespace tw {

// Griewank, 1 + sum(x_i^2) / 4000 - prod(cos(x_i / sqrt(i))), on [-50, 50]^d (the peers' domain); f* = 0 at 0. Surjanovic & Bingham, Virtual Library of Simulation Experiments; the same definition and
// domain as ../shared/peers/hpo_functions.py.
class Griewank : public TestFunction {
public:
    explicit Griewank(int dim);
    std::string name() const override { return "griewank"; }
    using TestFunction::evaluate;
    double evaluate(const std::vector<double>& x) const override;
    double optimumValue() const override;
    std::vector<std::vector<double>> optimumLocations() const override;
};

} // namespace tw
