#include "samplers/TrialRng.h"

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace tw {

namespace {

constexpr std::uint64_t rotl(std::uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

} // namespace

std::uint64_t TrialRng::splitmix64(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

std::uint64_t TrialRng::hash(std::string_view text)
{
    std::uint64_t h = 0xCBF29CE484222325ULL;
    for (unsigned char c : text) {
        h ^= c;
        h *= 0x100000001B3ULL;
    }
    return h;
}

std::uint64_t TrialRng::combine(std::uint64_t a, std::uint64_t b)
{
    return splitmix64(a ^ splitmix64(b + 0x632BE59BD9B4E019ULL));
}

TrialRng::TrialRng(std::uint64_t seed)
{
    std::uint64_t x = seed;
    for (auto& s : m_s) {
        x += 0x9E3779B97F4A7C15ULL;
        std::uint64_t z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        s = z ^ (z >> 31);
    }
}

TrialRng TrialRng::forTrial(std::uint64_t seed, const FrozenTrial& trial, std::string_view stream)
{
    std::uint64_t attempt = 0;
    if (auto it = trial.systemAttrs.find("resample"); it != trial.systemAttrs.end())
        attempt = std::stoull(it->second);
    std::uint64_t key = combine(seed, static_cast<std::uint64_t>(trial.number));
    key = combine(key, attempt);
    key = combine(key, hash(stream));
    return TrialRng(key);
}

std::uint64_t TrialRng::next()
{
    const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
    const std::uint64_t t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
}

double TrialRng::uniform01()
{
    return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

std::uint64_t TrialRng::below(std::uint64_t n)
{
    if (n == 0)
        throw std::invalid_argument("TrialRng::below(): n must be positive");
    // Lemire's nearly divisionless method (2019).
    unsigned __int128 m = static_cast<unsigned __int128>(next()) * n;
    std::uint64_t low = static_cast<std::uint64_t>(m);
    if (low < n) {
        const std::uint64_t threshold = (0 - n) % n;
        while (low < threshold) {
            m = static_cast<unsigned __int128>(next()) * n;
            low = static_cast<std::uint64_t>(m);
        }
    }
    return static_cast<std::uint64_t>(m >> 64);
}

double TrialRng::normal()
{
    double u1 = uniform01();
    while (u1 <= 0.0)
        u1 = uniform01();
    const double u2 = uniform01();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

} // namespace tw
