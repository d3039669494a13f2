#pragma once
#include "functions/TestFunction.h"

namespace tw {

// Sphere on [-5.12, 5.12]^d; f* = 0 at 0. Surjanovic & Bingham, Virtual Library of Simulation Experiments.
class Sphere : public TestFunction {
public:
    explicit Sphere(int dim);
    std::string name() const override { return "sphere"; }
    using TestFunction::evaluate;
    double evaluate(const std::vector<double>& x) const override;
    double optimumValue() const override;
    std::vector<std::vector<double>> optimumLocations() const override;
};

} // namespace tw
