#pragma once
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

namespace tw {

// The one random-number facility of the tree: every sampler, pruner, data generator, split,
// augmentation, weight initialisation, dropout mask and forest draws from here.
//
//  - Generator: xoshiro256** (Blackman & Vigna, "Scrambled linear pseudorandom number
//    generators", ACM TOMS 47(4), 2021), 256 bits of state, period 2^256 - 1.
//  - Seeding: the state is four successive outputs of SplitMix64 (Steele, Lea & Flood,
//    "Fast splittable pseudorandom number generators", OOPSLA 2014) started at the seed,
//    so nearby seeds (seed, seed + 1, ...) give unrelated streams.
//  - Stream splitting: derive(seed, tag, tag...) hashes a parent seed and any number of
//    tags (integers: trial number, epoch, layer index...; strings: a parameter's name, a
//    purpose) into the seed of an independent child stream. A stream therefore depends
//    only on where it is used, never on the order of other draws: parallel workers,
//    resumed studies and threads draw the same values for the same purpose.
//  - Distributions are written out here, bit for bit, instead of <random>'s, whose
//    algorithms are unspecified (libstdc++, libc++ and MSVC turn the same engine state into
//    different numbers). Integers, permutations, uniforms and categorical draws are exact
//    on every platform; normal(), gamma() and beta() go through std::log / std::cos, which
//    may differ in the last bit between C libraries, so those are reproducible within one
//    binary (and in practice across glibc builds), not promised bit for bit everywhere.
//
// Not thread-safe: one object per thread or per purpose (derive() is the way to get more).
// Satisfies UniformRandomBitGenerator, should a std:: algorithm ever need one.
class Random {
public:
    using result_type = std::uint64_t;

    explicit Random(std::uint64_t seed = 0);

    // --- seeding and stream splitting (stateless, constexpr where possible) ---

    // One SplitMix64 step: advances `state` by the golden gamma and returns its finaliser.
    static constexpr std::uint64_t splitMix64(std::uint64_t& state)
    {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    // A bijective 64-bit mix (SplitMix64's first output from state x): a stateless hash of
    // an integer, e.g. to spread trial numbers over Hyperband's brackets.
    static constexpr std::uint64_t mix64(std::uint64_t x) { return splitMix64(x); }
    // FNV-1a over the bytes: a stable name hash, the same on every platform.
    static constexpr std::uint64_t hashString(std::string_view text)
    {
        std::uint64_t h = 0xCBF29CE484222325ULL;
        for (unsigned char c : text) {
            h ^= c;
            h *= 0x100000001B3ULL;
        }
        return h;
    }

    // A tag of derive(): an integer as it is, a string by hashString().
    struct Tag {
        std::uint64_t bits;
        // (enable_if rather than std::integral: moc cannot parse <concepts>.)
        template <class T, std::enable_if_t<std::is_integral_v<T>, int> = 0>
        constexpr Tag(T value)
            : bits(static_cast<std::uint64_t>(value))
        {
        }
        constexpr Tag(std::string_view text)
            : bits(hashString(text))
        {
        }
        constexpr Tag(const char* text)
            : bits(hashString(text))
        {
        }
    };
    // The seed of the child stream (seed, tag): the second SplitMix64 output from
    // seed ^ (tag * odd + constant). With several tags, derive(derive(seed, a), b)...
    static constexpr std::uint64_t derive(std::uint64_t seed, Tag tag)
    {
        std::uint64_t s = seed ^ (tag.bits * 0xD1342543DE82EF95ULL + 0x632BE59BD9B4E019ULL);
        splitMix64(s);
        return splitMix64(s);
    }
    template <class... More>
    static constexpr std::uint64_t derive(std::uint64_t seed, Tag tag, Tag next, More... more)
    {
        return derive(derive(seed, tag), next, more...);
    }
    // A child generator: Random::child(seed, "shuffle", epoch).
    template <class... Tags>
    static Random child(std::uint64_t seed, Tags... tags)
    {
        return Random(derive(seed, Tag(tags)...));
    }

    // The top 53 bits of a 64-bit value as a double in [0, 1).
    static constexpr double toUnit(std::uint64_t bits) { return static_cast<double>(bits >> 11) * 0x1.0p-53; }

    // --- the generator ---

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
    std::uint64_t operator()() { return next(); }
    static constexpr std::uint64_t min() { return 0; }
    static constexpr std::uint64_t max() { return std::numeric_limits<std::uint64_t>::max(); }

    // --- distributions ---

    // [0, 1), 53 random bits (one draw).
    double uniform01() { return toUnit(next()); }
    // (0, 1): never 0 or 1, for logarithms and powers (one draw).
    double uniformOpen01() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }
    // [low, high).
    double uniform(double low, double high) { return low + (high - low) * uniform01(); }
    // An unbiased integer in [0, n); n must be > 0. Lemire's nearly divisionless method
    // ("Fast random integer generation in an interval", ACM TOMCS 2019).
    std::uint64_t below(std::uint64_t n);
    // An integer in [low, high], both included; high >= low.
    long long between(long long low, long long high);
    bool bernoulli(double p) { return uniform01() < p; }
    // Standard normal by the Box-Muller transform (Box & Muller 1958), exact in
    // distribution. Each call takes two draws and returns one value (the second of the
    // pair is not kept), so a stream's position depends only on the number of calls.
    double normal();
    double normal(double mean, double stddev) { return mean + stddev * normal(); }
    // Gamma(shape, 1): Marsaglia & Tsang (2000), with the shape + 1 boost for shape < 1.
    double gamma(double shape);
    // Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b).
    double beta(double a, double b);
    // An index drawn with probability proportional to weights[i] (>= 0, finite, not all 0),
    // by inversion on the running sum (one draw).
    std::size_t categorical(std::span<const double> weights);
    // Fisher-Yates with below(), so a permutation is the same on every platform.
    template <class T>
    void shuffle(std::vector<T>& items)
    {
        for (std::size_t i = items.size(); i > 1; --i) {
            const auto j = static_cast<std::size_t>(below(i));
            std::swap(items[i - 1], items[j]);
        }
    }
    // 0, 1, ..., n-1 in random order.
    template <class Index = std::ptrdiff_t>
    std::vector<Index> permutation(Index n)
    {
        std::vector<Index> p(static_cast<std::size_t>(n > 0 ? n : 0));
        for (std::size_t i = 0; i < p.size(); ++i)
            p[i] = static_cast<Index>(i);
        shuffle(p);
        return p;
    }

private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t m_s[4];
};

} // namespace tw
