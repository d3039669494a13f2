#include "spec/FunctionObjectiveSpec.h"

namespace tw {

const std::vector<FunctionObjectiveSpec::Known>& FunctionObjectiveSpec::known() {
    // Keep in step with the function registry of engine/functions.
    static const std::vector<Known> table = {
        {QStringLiteral("branin"), 2},          {QStringLiteral("hartmann3"), 3},
        {QStringLiteral("hartmann6"), 6},       {QStringLiteral("rosenbrock"), 0},
        {QStringLiteral("ackley"), 0},          {QStringLiteral("sphere"), 0},
        {QStringLiteral("rastrigin"), 0},       {QStringLiteral("levy"), 0},
        {QStringLiteral("styblinski_tang"), 0}, {QStringLiteral("goldstein_price"), 2},
        {QStringLiteral("six_hump_camel"), 2},
    };
    return table;
}

} // namespace tw
