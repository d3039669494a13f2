#pragma once
#include <QString>

#include <optional>

namespace tw {

// The allowed range of a number in a spec, and how a message says it ("in [0, 1)",
// ">= 1", "> 0").
struct NumberRange {
    std::optional<double> min;
    bool minOpen = false;
    std::optional<double> max;
    bool maxOpen = false;

    static NumberRange any() { return {}; }
    static NumberRange atLeast(double v) { return {v, false, std::nullopt, false}; }
    static NumberRange greaterThan(double v) { return {v, true, std::nullopt, false}; }
    static NumberRange closed(double lo, double hi) { return {lo, false, hi, false}; }
    static NumberRange halfOpen(double lo, double hi) { return {lo, false, hi, true}; }
    static NumberRange open(double lo, double hi) { return {lo, true, hi, true}; }
    static NumberRange leftOpen(double lo, double hi) { return {lo, true, hi, false}; }

    bool contains(double v) const;
    // "" (any), " in [0, 1)", " >= 1", " > 0": appended to "a number" or "an integer".
    QString describe() const;
};

} // namespace tw
