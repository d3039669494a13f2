#pragma once
#include <cmath>
#include <cstdint>

namespace tw {

// xoshiro256**: Blackman & Vigna, "Scrambled linear pseudorandom number generators" (2021),
// seeded through SplitMix64 (Steele, Lea & Flood 2014). Our own generator rather than
// <random>'s distributions, whose output is implementation-defined: a seed must give the
// same weights and the same shuffles with any standard library.
class Xoshiro256 {
public:
    explicit Xoshiro256(std::uint64_t seed = 0) { reseed(seed); }

    void reseed(std::uint64_t seed)
    {
        std::uint64_t s = seed;
        for (auto& word : m_state)
            word = splitMix64(s);
    }

    static std::uint64_t splitMix64(std::uint64_t& state)
    {
        std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

    // Derives an independent stream seed from a parent seed and a label (epoch, batch...).
    static std::uint64_t derive(std::uint64_t seed, std::uint64_t label)
    {
        std::uint64_t s = seed ^ (label * 0xd1342543de82ef95ULL + 0x632be59bd9b4e019ULL);
        splitMix64(s);
        return splitMix64(s);
    }

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }

    // Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

    // Uniform integer in [0, n), without modulo bias (Lemire 2019).
    std::uint64_t below(std::uint64_t n)
    {
        __uint128_t m = static_cast<__uint128_t>(next()) * n;
        auto low = static_cast<std::uint64_t>(m);
        if (low < n) {
            const std::uint64_t threshold = (0 - n) % n;
            while (low < threshold) {
                m = static_cast<__uint128_t>(next()) * n;
                low = static_cast<std::uint64_t>(m);
            }
        }
        return static_cast<std::uint64_t>(m >> 64);
    }

    // Standard normal by Box-Muller; the second value is discarded so the stream position
    // depends only on the number of calls.
    double normal()
    {
        double u1 = uniform();
        while (u1 <= 0.0)
            u1 = uniform();
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t m_state[4];
};

} // namespace tw
