#include "data/DataRandom.h"

#include <cmath>
#include <numeric>
#include <stdexcept>

namespace tw {

namespace {

std::uint64_t splitMix64(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

} // namespace

DataRandom::DataRandom(std::uint64_t seed)
    : m_engine(splitMix64(seed))
{
}

double DataRandom::uniform()
{
    return static_cast<double>(m_engine() >> 11) * 0x1.0p-53;
}

double DataRandom::openUniform()
{
    return (static_cast<double>(m_engine() >> 11) + 0.5) * 0x1.0p-53;
}

std::uint64_t DataRandom::below(std::uint64_t n)
{
    if (n == 0)
        throw std::invalid_argument("DataRandom::below(): n must be > 0");
    // Reject the lowest 2^64 mod n values so that every residue is equally likely.
    const std::uint64_t threshold = (0 - n) % n;
    for (;;) {
        const std::uint64_t r = m_engine();
        if (r >= threshold)
            return r % n;
    }
}

long long DataRandom::between(long long low, long long high)
{
    if (high < low)
        throw std::invalid_argument("DataRandom::between(): high must be >= low");
    const auto span = static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low);
    if (span == ~std::uint64_t(0))
        return static_cast<long long>(m_engine());
    return static_cast<long long>(static_cast<std::uint64_t>(low) + below(span + 1));
}

double DataRandom::normal()
{
    if (m_hasSpare) {
        m_hasSpare = false;
        return m_spareNormal;
    }
    double u, v, s;
    do {
        u = 2.0 * uniform() - 1.0;
        v = 2.0 * uniform() - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double f = std::sqrt(-2.0 * std::log(s) / s);
    m_spareNormal = v * f;
    m_hasSpare = true;
    return u * f;
}

double DataRandom::gamma(double shape)
{
    if (!(shape > 0.0) || !std::isfinite(shape))
        throw std::invalid_argument("DataRandom::gamma(): shape must be a finite number > 0");
    if (shape < 1.0) {
        // Gamma(a) = Gamma(a + 1) * U^(1/a) (Marsaglia & Tsang 2000, section 6).
        const double g = gamma(shape + 1.0);
        return g * std::pow(openUniform(), 1.0 / shape);
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
        const double u = openUniform();
        if (u < 1.0 - 0.0331 * x * x * x * x)
            return d * v;
        if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v)))
            return d * v;
    }
}

double DataRandom::beta(double a, double b)
{
    const double x = gamma(a);
    const double y = gamma(b);
    const double sum = x + y;
    // For tiny shapes both draws can underflow to 0; Beta(a, b) then sits at an end point
    // with probability a / (a + b) for the upper one.
    if (!(sum > 0.0))
        return uniform() < a / (a + b) ? 1.0 : 0.0;
    return x / sum;
}

void DataRandom::shuffle(std::vector<Eigen::Index>& items)
{
    for (std::size_t i = items.size(); i > 1; --i) {
        const auto j = static_cast<std::size_t>(below(i));
        std::swap(items[i - 1], items[j]);
    }
}

std::vector<Eigen::Index> DataRandom::permutation(Eigen::Index n)
{
    std::vector<Eigen::Index> p(static_cast<std::size_t>(n > 0 ? n : 0));
    std::iota(p.begin(), p.end(), Eigen::Index(0));
    shuffle(p);
    return p;
}

} // namespace tw
