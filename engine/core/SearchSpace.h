#pragma once
#include "core/Distribution.h"
#include "core/FrozenTrial.h"

#include <optional>
#include <string>
#include <vector>

namespace tw {

// A parameter is active only when its parent's value (internal: an index for a
// categorical parent) is in `values` (or not in them, with notIn).
struct ParamCondition {
    std::string parent;
    std::vector<double> values;
    bool notIn = false;
    bool satisfiedBy(double parentValue) const;
};

struct ParamSpec {
    std::string name;
    Distribution distribution;
    std::optional<ParamCondition> condition;
};

// The parameters a study searches over. After validate() succeeds, params() is in a
// topological order: every parent comes before the parameters that depend on it.
class SearchSpace {
public:
    SearchSpace() = default;
    explicit SearchSpace(std::vector<ParamSpec> params);

    void add(ParamSpec param);
    // Empty when valid; else "NAME: what is wrong" for the first problem found
    // (bad bounds, log bounds <= 0, a step that does not divide the range, empty
    // choices, a duplicate name, an unknown or cyclic parent). Orders params() on success.
    std::string validate();

    const std::vector<ParamSpec>& params() const { return m_params; }
    const ParamSpec* find(const std::string& name) const;
    bool empty() const { return m_params.empty(); }
    std::size_t size() const { return m_params.size(); }
    // Whether `param` is active given the values chosen so far (its parent chosen first).
    bool isActive(const ParamSpec& param, const ParamValues& chosen) const;

private:
    std::vector<ParamSpec> m_params;
};

} // namespace tw
