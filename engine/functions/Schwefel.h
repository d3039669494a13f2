#pragma once
#include "functions/TestFunction.h"

namespace tw {

// Schwefel, 418.9829 d - sum(x_i sin(sqrt|x_i|)), on [-500, 500]^d; f* = 0 at x_i = 420.968746. Surjanovic & Bingham, Virtual Library of Simulation Experiments; the same definition and
// domain as ../shared/peers/hpo_functions.py.
class Schwefel : public TestFunction {
public:
    explicit Schwefel(int dim);
    std::string name() const override { return "schwefel"; }
    using TestFunction::evaluate;
    double evaluate(const std::vector<double>& x) const override;
    double optimumValue() const override;
    std::vector<std::vector<double>> optimumLocations() const override;
};

} // namespace tw
