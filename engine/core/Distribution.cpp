#include "core/Distribution.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace tw {

Distribution Distribution::makeFloat(double low, double high, bool log, double step)
{
    Distribution d;
    d.m_kind = Kind::Float;
    d.m_low = low;
    d.m_high = high;
    d.m_log = log;
    d.m_step = step;
    return d;
}

Distribution Distribution::makeInt(long long low, long long high, bool log, long long step)
{
    Distribution d;
    d.m_kind = Kind::Int;
    d.m_low = static_cast<double>(low);
    d.m_high = static_cast<double>(high);
    d.m_log = log;
    d.m_step = static_cast<double>(step);
    return d;
}

Distribution Distribution::makeCategorical(std::vector<std::string> choicesJson)
{
    Distribution d;
    d.m_kind = Kind::Categorical;
    d.m_choices = std::move(choicesJson);
    d.m_low = 0.0;
    d.m_high = d.m_choices.empty() ? 0.0 : static_cast<double>(d.m_choices.size() - 1);
    return d;
}

Distribution Distribution::makeFixed(std::string valueJson)
{
    Distribution d = makeCategorical({std::move(valueJson)});
    d.m_kind = Kind::Fixed;
    return d;
}

const char* Distribution::kindName(Kind k)
{
    switch (k) {
    case Kind::Float: return "float";
    case Kind::Int: return "int";
    case Kind::Categorical: return "categorical";
    case Kind::Fixed: return "fixed";
    }
    return "unknown";
}

std::string Distribution::validationError() const
{
    std::ostringstream err;
    switch (m_kind) {
    case Kind::Categorical:
        if (m_choices.empty())
            return "choices must not be empty";
        return {};
    case Kind::Fixed:
        return m_choices.size() == 1 ? std::string() : std::string("a fixed parameter has one value");
    case Kind::Float:
    case Kind::Int:
        break;
    }
    if (!std::isfinite(m_low) || !std::isfinite(m_high))
        return "low and high must be finite numbers";
    if (m_low > m_high || (m_low == m_high && m_kind == Kind::Float)) {
        err << "low (" << m_low << ") must be less than high (" << m_high << ")";
        return err.str();
    }
    // Samplers draw low + u * (high - low): a width that overflows to inf gives low every time.
    if (!std::isfinite(m_high - m_low)) {
        err << "the range [" << m_low << ", " << m_high
            << "] is too wide: high - low must be a finite number (at most about 1.8e308)";
        return err.str();
    }
    if (m_log && m_low <= 0.0) {
        err << "a log scale needs low > 0, got low = " << m_low;
        return err.str();
    }
    if (m_log && m_step != 0.0 && !(m_kind == Kind::Int && m_step == 1.0))
        return "log and step cannot be combined";
    if (m_step < 0.0 || (m_kind == Kind::Int && m_step < 1.0)) {
        err << "step must be positive, got " << m_step;
        return err.str();
    }
    if (m_kind == Kind::Int && (m_low != std::floor(m_low) || m_high != std::floor(m_high)))
        return "int bounds must be integers";
    if (m_step > 0.0) {
        const double n = (m_high - m_low) / m_step;
        if (std::abs(n - std::round(n)) > 1e-9 * std::max(1.0, std::abs(n))) {
            err << "step " << m_step << " does not divide the range [" << m_low << ", " << m_high
                << "]";
            return err.str();
        }
    }
    return {};
}

bool Distribution::contains(double v) const
{
    if (!std::isfinite(v))
        return false;
    switch (m_kind) {
    case Kind::Categorical:
    case Kind::Fixed:
        return v == std::floor(v) && v >= 0.0 && v < static_cast<double>(m_choices.size());
    case Kind::Float:
    case Kind::Int:
        break;
    }
    const double tol = 1e-12 * std::max(1.0, std::abs(m_high - m_low));
    if (v < m_low - tol || v > m_high + tol)
        return false;
    if (m_step > 0.0) {
        const double k = (v - m_low) / m_step;
        return std::abs(k - std::round(k)) <= 1e-8 * std::max(1.0, std::abs(k));
    }
    return true;
}

double Distribution::snap(double v) const
{
    if (!std::isfinite(v))
        v = m_low;
    switch (m_kind) {
    case Kind::Categorical:
    case Kind::Fixed:
        return std::clamp(std::round(v), 0.0, std::max(0.0, static_cast<double>(m_choices.size()) - 1));
    case Kind::Float:
    case Kind::Int:
        break;
    }
    v = std::clamp(v, m_low, m_high);
    if (m_step > 0.0) {
        const double k = std::round((v - m_low) / m_step);
        v = std::min(m_high, m_low + k * m_step);
    }
    return v;
}

double Distribution::toUnit(double v) const
{
    switch (m_kind) {
    case Kind::Categorical:
    case Kind::Fixed:
        return (v + 0.5) / static_cast<double>(std::max<size_t>(1, m_choices.size()));
    case Kind::Float:
    case Kind::Int:
        break;
    }
    if (m_high == m_low)
        return 0.5;
    // Ints are widened by half a step on each side so every value owns an equal slice.
    double lo = m_low, hi = m_high;
    if (m_kind == Kind::Int || m_step > 0.0) {
        const double half = (m_step > 0.0 ? m_step : 1.0) / 2.0;
        lo -= half;
        hi += half;
        if (m_log) {
            lo = std::max(lo, m_low / 2.0);
        }
    }
    if (m_log)
        return (std::log(v) - std::log(lo)) / (std::log(hi) - std::log(lo));
    return (v - lo) / (hi - lo);
}

double Distribution::fromUnit(double u) const
{
    u = std::clamp(u, 0.0, 1.0);
    switch (m_kind) {
    case Kind::Categorical:
    case Kind::Fixed: {
        const double n = static_cast<double>(std::max<size_t>(1, m_choices.size()));
        return std::min(n - 1.0, std::floor(u * n));
    }
    case Kind::Float:
    case Kind::Int:
        break;
    }
    if (m_high == m_low)
        return m_low;
    double lo = m_low, hi = m_high;
    if (m_kind == Kind::Int || m_step > 0.0) {
        const double half = (m_step > 0.0 ? m_step : 1.0) / 2.0;
        lo -= half;
        hi += half;
        if (m_log)
            lo = std::max(lo, m_low / 2.0);
    }
    const double v = m_log ? std::exp(std::log(lo) + u * (std::log(hi) - std::log(lo)))
                           : lo + u * (hi - lo);
    return snap(v);
}

long long Distribution::cardinality() const
{
    switch (m_kind) {
    case Kind::Categorical:
    case Kind::Fixed:
        return static_cast<long long>(m_choices.size());
    case Kind::Float:
    case Kind::Int:
        break;
    }
    if (m_step > 0.0)
        return static_cast<long long>(std::llround((m_high - m_low) / m_step)) + 1;
    return 0;
}

} // namespace tw
