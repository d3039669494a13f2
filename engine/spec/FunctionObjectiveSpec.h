#pragma once
#include <QString>
#include <QStringList>

#include <vector>

namespace tw {

// The fields of a `function` objective: a built-in test function over x0 ... x{dim-1}.
struct FunctionObjectiveSpec {
    // The function's base name: "rosenbrock4" in the spec is name "rosenbrock", dim 4.
    QString name;
    int dim = 2; // fixed by the function, or free (default 2)

    // Names the parser accepts, their fixed dimension (0 = free) and smallest dimension.
    struct Known {
        QString name;
        int fixedDim;
        int minDim;
    };
    static const std::vector<Known>& known();
};

} // namespace tw
