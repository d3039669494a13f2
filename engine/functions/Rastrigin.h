#pragma once
#include "functions/TestFunction.h"

namespace tw {

// Rastrigin, 10 d + sum(x_i^2 - 10 cos(2 pi x_i)), on [-5.12, 5.12]^d; f* = 0 at 0. Surjanovic & Bingham, Virtual Library of Simulation Experiments; the same definition and
// domain as ../shared/peers/hpo_functions.py.
class Rastrigin : public TestFunction {
public:
    explicit Rastrigin(int dim);
    std::string name() const override { return "rastrigin"; }
    using TestFunction::evaluate;
    double evaluate(const std::vector<double>& x) const override;
    double optimumValue() const override;
    std::vector<std::vector<double>> optimumLocations() const override;
};

} // namespace tw
