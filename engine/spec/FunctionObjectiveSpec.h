#pragma once
#include <QString>
#include <QStringList>

#include <vector>

namespace tw {

// The fields of a `function` objective: a built-in test function over x0 ... x{dim-1}.
struct FunctionObjectiveSpec {
    QString name;
    int dim = 2; // fixed by the function, or free (default 2)

    // Names the parser accepts, and their fixed dimension (0 = free, >= 1).
    struct Known {
        QString name;
        int fixedDim;
    };
    static const std::vector<Known>& known();
};

} // namespace tw
