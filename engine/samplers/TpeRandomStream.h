#pragma once
#include <cmath>
#include <cstdint>
#include <string_view>

namespace tw {

// A small, fully specified random stream (xoshiro256**: Blackman & Vigna 2018, seeded by
// SplitMix64). Samplers derive one stream per (seed, trial number, purpose), so a
// suggestion depends only on those and on the study's history, never on call order:
// a resumed study suggests exactly what the original would have. The standard library's
// distributions are implementation-defined, so normals and uniforms are drawn here.
class TpeRandomStream {
public:
    TpeRandomStream(std::uint64_t seed, std::uint64_t trialNumber, std::uint64_t purpose = 0)
    {
        std::uint64_t x = seed;
        x = splitMix(x) ^ (trialNumber * 0x9E3779B97F4A7C15ull);
        x = splitMix(x) ^ (purpose * 0xC2B2AE3D27D4EB4Full);
        for (auto& s : m_s)
            s = splitMix(x);
    }

    std::uint64_t next()
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

    // Uniform in [0, 1), 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

    // Standard normal (Marsaglia's polar method; the spare value is dropped so that every
    // draw consumes a whole number of pairs and streams stay easy to reason about).
    double normal()
    {
        for (;;) {
            const double u = 2.0 * uniform() - 1.0;
            const double v = 2.0 * uniform() - 1.0;
            const double s = u * u + v * v;
            if (s > 0.0 && s < 1.0)
                return u * std::sqrt(-2.0 * std::log(s) / s);
        }
    }

    // A stable 64-bit name hash (FNV-1a), to give each parameter its own stream.
    static std::uint64_t hashName(std::string_view name)
    {
        std::uint64_t h = 0xCBF29CE484222325ull;
        for (unsigned char c : name) {
            h ^= c;
            h *= 0x100000001B3ull;
        }
        return h;
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    static std::uint64_t splitMix(std::uint64_t& x)
    {
        std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }

    std::uint64_t m_s[4];
};

} // namespace tw
