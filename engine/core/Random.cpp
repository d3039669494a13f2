#include "core/Random.h"

#include <cmath>
#include <numbers>
#include <stdexcept>

namespace tw {

Random::Random(std::uint64_t seed)
{
    std::uint64_t x = seed;
    for (auto& s : m_s)
        s = splitMix64(x);
}

std::uint64_t Random::below(std::uint64_t n)
{
    if (n == 0)
        throw std::invalid_argument("Random::below(): n must be > 0");
    unsigned __int128 m = static_cast<unsigned __int128>(next()) * n;
    auto low = static_cast<std::uint64_t>(m);
    if (low < n) {
        const std::uint64_t threshold = (0 - n) % n;
        while (low < threshold) {
            m = static_cast<unsigned __int128>(next()) * n;
            low = static_cast<std::uint64_t>(m);
        }
    }
    return static_cast<std::uint64_t>(m >> 64);
}

long long Random::between(long long low, long long high)
{
    if (high < low)
        throw std::invalid_argument("Random::between(): high must be >= low");
    const auto span = static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low);
    if (span == ~std::uint64_t(0))
        return static_cast<long long>(next());
    return static_cast<long long>(static_cast<std::uint64_t>(low) + below(span + 1));
}

double Random::normal()
{
    double u1 = uniform01();
    while (u1 <= 0.0)
        u1 = uniform01();
    const double u2 = uniform01();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

double Random::gamma(double shape)
{
    if (!(shape > 0.0) || !std::isfinite(shape))
        throw std::invalid_argument("Random::gamma(): shape must be a finite number > 0");
    if (shape < 1.0) {
        // Gamma(a) = Gamma(a + 1) * U^(1/a) (Marsaglia & Tsang 2000, section 6).
        const double g = gamma(shape + 1.0);
        return g * std::pow(uniformOpen01(), 1.0 / shape);
    }
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
        double x, v;
        do {
            x = normal();
            v = 1.0 + c * x;
        } while (v <= 0.0);
        v = v * v * v;
        const double u = uniformOpen01();
        if (u < 1.0 - 0.0331 * x * x * x * x)
            return d * v;
        if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v)))
            return d * v;
    }
}

double Random::beta(double a, double b)
{
    const double x = gamma(a);
    const double y = gamma(b);
    const double sum = x + y;
    // For tiny shapes both draws can underflow to 0; Beta(a, b) then sits at an end point
    // with probability a / (a + b) for the upper one.
    if (!(sum > 0.0))
        return uniform01() < a / (a + b) ? 1.0 : 0.0;
    return x / sum;
}

std::size_t Random::categorical(std::span<const double> weights)
{
    double total = 0.0;
    for (double w : weights) {
        if (!(w >= 0.0) || !std::isfinite(w))
            throw std::invalid_argument("Random::categorical(): weights must be finite and >= 0");
        total += w;
    }
    if (!(total > 0.0))
        throw std::invalid_argument("Random::categorical(): at least one weight must be > 0");
    const double u = uniform01() * total;
    double run = 0.0;
    std::size_t last = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (weights[i] <= 0.0)
            continue;
        run += weights[i];
        last = i;
        if (u < run)
            return i;
    }
    return last;  // rounding left u at the very top
}

} // namespace tw
