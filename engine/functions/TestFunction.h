#pragma once
#include "core/FrozenTrial.h"
#include "core/SearchSpace.h"

#include <string>
#include <vector>

namespace tw {

// A benchmark function with a known global minimum, for judging samplers. Parameters are
// named x0 ... x{dim-1}; every function here is minimized.
class TestFunction {
public:
    virtual ~TestFunction() = default;
    virtual std::string name() const = 0;
    int dim() const { return static_cast<int>(m_lower.size()); }
    const std::vector<double>& lower() const { return m_lower; }
    const std::vector<double>& upper() const { return m_upper; }
    virtual double evaluate(const std::vector<double>& x) const = 0;
    // Reads x0 ... x{dim-1}; throws std::invalid_argument naming a missing one.
    double evaluate(const ParamValues& params) const;
    virtual double optimumValue() const = 0;
    // Every known minimizer (Branin has three).
    virtual std::vector<std::vector<double>> optimumLocations() const = 0;
    // Floats x0 ... x{dim-1} over the standard domain.
    SearchSpace searchSpace() const;
    static std::string paramName(int i);

protected:
    TestFunction(std::vector<double> lower, std::vector<double> upper);
    void checkDim(const std::vector<double>& x) const;

private:
    std::vector<double> m_lower;
    std::vector<double> m_upper;
};

} // namespace tw
