#include "functions/TestFunctions.h"

#include "functions/Ackley.h"
#include "functions/Branin.h"
#include "functions/Hartmann6.h"
#include "functions/Griewank.h"
#include "functions/Levy.h"
#include "functions/Michalewicz5.h"
#include "functions/Rastrigin.h"
#include "functions/Rosenbrock.h"
#include "functions/Schwefel.h"
#include "functions/Sphere.h"

#include <cctype>
#include <stdexcept>

namespace tw {

std::vector<std::string> TestFunctions::names()
{
    return {"ackley", "branin", "griewank", "hartmann6", "levy", "michalewicz5", "rastrigin", "rosenbrock", "schwefel", "sphere"};
}

std::unique_ptr<TestFunction> TestFunctions::byName(const std::string& requested, int dim)
{
    std::string name = requested;
    for (char& c : name)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (dim < 0)
        throw std::invalid_argument("TestFunctions::byName(): dim must be >= 1, got " + std::to_string(dim));

    auto fixed = [&](int own, auto make) -> std::unique_ptr<TestFunction> {
        if (dim != 0 && dim != own)
            throw std::invalid_argument("TestFunctions::byName(): " + name + " has dimension " +
                                        std::to_string(own) + ", not " + std::to_string(dim));
        return make();
    };
    if (name == "branin")
        return fixed(2, [] { return std::make_unique<Branin>(); });
    if (name == "hartmann6")
        return fixed(6, [] { return std::make_unique<Hartmann6>(); });
    if (name == "michalewicz5")
        return fixed(5, [] { return std::make_unique<Michalewicz5>(); });

    // A trailing number is the dimension ("ackley5").
    std::size_t digits = name.size();
    while (digits > 0 && std::isdigit(static_cast<unsigned char>(name[digits - 1])))
        --digits;
    if (digits < name.size() && digits > 0) {
        const int fromName = std::stoi(name.substr(digits));
        if (dim != 0 && dim != fromName)
            throw std::invalid_argument("TestFunctions::byName(): '" + requested + "' names dimension " +
                                        std::to_string(fromName) + " but dim is " + std::to_string(dim));
        dim = fromName;
        name = name.substr(0, digits);
    }
    const int d = dim == 0 ? 2 : dim;
    if (name == "rosenbrock")
        return std::make_unique<Rosenbrock>(d);
    if (name == "ackley")
        return std::make_unique<Ackley>(d);
    if (name == "sphere")
        return std::make_unique<Sphere>(d);
    if (name == "levy")
        return std::make_unique<Levy>(d);
    if (name == "rastrigin")
        return std::make_unique<Rastrigin>(d);
    if (name == "schwefel")
        return std::make_unique<Schwefel>(d);
    if (name == "griewank")
        return std::make_unique<Griewank>(d);

    std::string known;
    for (const auto& n : names())
        known += (known.empty() ? "" : ", ") + n;
    throw std::invalid_argument("TestFunctions::byName(): unknown function '" + requested + "'; known: " + known);
}

} // namespace tw
