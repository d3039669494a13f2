#pragma once
#include "functions/TestFunction.h"

namespace tw {

// Levy on [-10, 10]^d; f* = 0 at (1, ..., 1). Surjanovic & Bingham, Virtual Library of Simulation Experiments.
class Levy : public TestFunction {
public:
    explicit Levy(int dim);
    std::string name() const override { return "levy"; }
    using TestFunction::evaluate;
    double evaluate(const std::vector<double>& x) const override;
    double optimumValue() const override;
    std::vector<std::vector<double>> optimumLocations() const override;
};

} // namespace tw
