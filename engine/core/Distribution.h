#pragma once
#include <string>
#include <vector>

namespace tw {

// One parameter's domain. Values cross the seams as an "internal" double, as in Optuna:
// float and int values are themselves; a categorical value is the index of its choice.
// tw_core never interprets a choice: `choices` holds each choice as compact JSON text,
// which tw_engine maps to and from real JSON values. A fixed parameter is a categorical
// with exactly one choice.
class Distribution {
public:
    enum class Kind { Float, Int, Categorical, Fixed };

    static Distribution makeFloat(double low, double high, bool log = false, double step = 0.0);
    static Distribution makeInt(long long low, long long high, bool log = false, long long step = 1);
    static Distribution makeCategorical(std::vector<std::string> choicesJson);
    static Distribution makeFixed(std::string valueJson);

    Kind kind() const { return m_kind; }
    double low() const { return m_low; }
    double high() const { return m_high; }
    bool isLog() const { return m_log; }
    // 0 means continuous (float without a step). Ints always have a step >= 1.
    double step() const { return m_step; }
    const std::vector<std::string>& choices() const { return m_choices; }
    int choiceCount() const { return static_cast<int>(m_choices.size()); }
    bool isNumeric() const { return m_kind == Kind::Float || m_kind == Kind::Int; }

    // An empty string when the distribution is valid, else why not (no parameter name:
    // the caller prefixes it).
    std::string validationError() const;
    // Whether an internal value lies in the domain (on the step grid, an integer index...).
    bool contains(double internal) const;
    // Snaps an internal value into the domain: clamps, rounds to the step or to an index.
    double snap(double internal) const;
    // Maps an internal value to [0, 1] (log space for log parameters) and back.
    // Categoricals map index i of n to (i + 0.5) / n.
    double toUnit(double internal) const;
    double fromUnit(double unit) const;
    // Number of distinct values, or 0 when the domain is continuous.
    long long cardinality() const;

    bool operator==(const Distribution& other) const = default;

    static const char* kindName(Kind k);

private:
    Kind m_kind = Kind::Float;
    double m_low = 0.0;
    double m_high = 1.0;
    double m_step = 0.0;
    bool m_log = false;
    std::vector<std::string> m_choices;
};

} // namespace tw
