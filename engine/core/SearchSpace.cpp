#include "core/SearchSpace.h"

#include <algorithm>
#include <map>
#include <set>

namespace tw {

bool ParamCondition::satisfiedBy(double parentValue) const
{
    const bool in = std::find(values.begin(), values.end(), parentValue) != values.end();
    return notIn ? !in : in;
}

SearchSpace::SearchSpace(std::vector<ParamSpec> params)
    : m_params(std::move(params))
{
}

void SearchSpace::add(ParamSpec param)
{
    m_params.push_back(std::move(param));
}

const ParamSpec* SearchSpace::find(const std::string& name) const
{
    for (const auto& p : m_params)
        if (p.name == name)
            return &p;
    return nullptr;
}

std::string SearchSpace::validate()
{
    std::set<std::string> names;
    for (const auto& p : m_params) {
        if (p.name.empty())
            return "a parameter has an empty name";
        if (!names.insert(p.name).second)
            return p.name + ": the name is used twice";
        if (auto err = p.distribution.validationError(); !err.empty())
            return p.name + ": " + err;
    }
    for (const auto& p : m_params) {
        if (!p.condition)
            continue;
        if (p.condition->parent == p.name)
            return p.name + ": a parameter cannot be its own parent";
        const ParamSpec* parent = find(p.condition->parent);
        if (!parent)
            return p.name + ": the condition's parent '" + p.condition->parent + "' is not a parameter";
        for (double v : p.condition->values)
            if (!parent->distribution.contains(v))
                return p.name + ": the condition lists a value that parent '" + parent->name +
                       "' cannot take";
    }
    // Topological order, stable with respect to the given order (Kahn's algorithm).
    std::vector<ParamSpec> ordered;
    std::set<std::string> placed;
    while (ordered.size() < m_params.size()) {
        bool progress = false;
        for (const auto& p : m_params) {
            if (placed.count(p.name))
                continue;
            if (!p.condition || placed.count(p.condition->parent)) {
                ordered.push_back(p);
                placed.insert(p.name);
                progress = true;
            }
        }
        if (!progress) {
            for (const auto& p : m_params)
                if (!placed.count(p.name))
                    return p.name + ": its condition is part of a cycle of parents";
        }
    }
    m_params = std::move(ordered);
    return {};
}

bool SearchSpace::isActive(const ParamSpec& param, const ParamValues& chosen) const
{
    if (!param.condition)
        return true;
    const ParamSpec* parent = find(param.condition->parent);
    if (!parent || !isActive(*parent, chosen))
        return false;
    auto it = chosen.find(parent->name);
    return it != chosen.end() && param.condition->satisfiedBy(it->second);
}

} // namespace tw
