#include "functions/TestFunction.h"

#include <stdexcept>

namespace tw {

TestFunction::TestFunction(std::vector<double> lower, std::vector<double> upper)
    : m_lower(std::move(lower))
    , m_upper(std::move(upper))
{
}

std::string TestFunction::paramName(int i)
{
    // Appending, not operator+: g++ 12 gives a false -Wrestrict on "x" + std::string.
    std::string name(1, 'x');
    name.append(std::to_string(i));
    return name;
}

void TestFunction::checkDim(const std::vector<double>& x) const
{
    if (static_cast<int>(x.size()) != dim())
        throw std::invalid_argument("TestFunction::evaluate(): " + name() + " takes " + std::to_string(dim()) +
                                    " values, got " + std::to_string(x.size()));
}

double TestFunction::evaluate(const ParamValues& params) const
{
    std::vector<double> x(static_cast<std::size_t>(dim()));
    for (int i = 0; i < dim(); ++i) {
        auto it = params.find(paramName(i));
        if (it == params.end())
            throw std::invalid_argument("TestFunction::evaluate(): " + name() + " needs parameter " + paramName(i));
        x[static_cast<std::size_t>(i)] = it->second;
    }
    return evaluate(x);
}

SearchSpace TestFunction::searchSpace() const
{
    SearchSpace space;
    for (int i = 0; i < dim(); ++i)
        space.add({paramName(i), Distribution::makeFloat(m_lower[std::size_t(i)], m_upper[std::size_t(i)]), std::nullopt});
    space.validate();
    return space;
}

} // namespace tw
