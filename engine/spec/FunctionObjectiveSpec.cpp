#include "spec/FunctionObjectiveSpec.h"

namespace tw {

const std::vector<FunctionObjectiveSpec::Known>& FunctionObjectiveSpec::known() {
    // The registry of engine/functions (TestFunctions::names()), which tw_engine may not
    // include from here without a cycle in review order; keep the two in step.
    static const std::vector<Known> table = {
        {QStringLiteral("ackley"), 0, 1},     {QStringLiteral("branin"), 2, 2},
        {QStringLiteral("hartmann6"), 6, 6},  {QStringLiteral("levy"), 0, 1},
        {QStringLiteral("rosenbrock"), 0, 2}, {QStringLiteral("sphere"), 0, 1},
        {QStringLiteral("rastrigin"), 0, 1},  {QStringLiteral("schwefel"), 0, 1},
        {QStringLiteral("griewank"), 0, 1},   {QStringLiteral("michalewicz5"), 5, 5},
    };
    return table;
}

} // namespace tw
