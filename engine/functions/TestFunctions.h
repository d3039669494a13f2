#pragma once
#include "functions/TestFunction.h"

#include <memory>
#include <string>
#include <vector>

namespace tw {

// The registry of built-in test functions, by name: branin, hartmann6, michalewicz5 (fixed
// dimension), rosenbrock, ackley, sphere, levy, rastrigin, schwefel, griewank (any dimension). A trailing number is the dimension:
// "rosenbrock4" is byName("rosenbrock", 4).
class TestFunctions {
public:
    // dim 0: the number in the name, else the function's own (2 for the free ones).
    // Throws std::invalid_argument with the known names, or the dimension rule broken.
    static std::unique_ptr<TestFunction> byName(const std::string& name, int dim = 0);
    static std::vector<std::string> names();
};

} // namespace tw
