#pragma once
#include <Eigen/Core>

#include <cstdint>
#include <random>
#include <vector>

namespace tw {

// The random source of the dataset layer (generators, splits, augmentation).
//
// Why not std::*_distribution: their algorithms are unspecified, so libstdc++, libc++ and
// MSVC turn the same engine state into different numbers. std::mt19937_64's raw output is
// fixed by the standard, and every transform below is written out here, so a seed gives
// the same integers, permutations and uniforms on every platform. normal(), gamma() and
// beta() go through std::log / std::sqrt / std::cos: sqrt is exact under IEEE 754, log and
// cos may differ in the last bit between C libraries, so those are reproducible within one
// binary (and in practice across glibc builds), not promised bit-for-bit everywhere.
class DataRandom {
public:
    // The seed is mixed through SplitMix64 first, so nearby seeds (seed, seed + 1, ... as the
    // trainer passes seed + epoch) start far apart in the Mersenne Twister's state.
    explicit DataRandom(std::uint64_t seed);

    std::uint64_t next() { return m_engine(); }
    // [0, 1), 53 random bits.
    double uniform();
    // (0, 1): never 0, for logarithms and powers.
    double openUniform();
    double uniform(double low, double high) { return low + (high - low) * uniform(); }
    // An unbiased integer in [0, n); n must be > 0.
    std::uint64_t below(std::uint64_t n);
    // An integer in [low, high], both included.
    long long between(long long low, long long high);
    bool bernoulli(double p) { return uniform() < p; }
    // Standard normal, Marsaglia's polar method (Marsaglia & Bray 1964).
    double normal();
    double normal(double mean, double stddev) { return mean + stddev * normal(); }
    // Gamma(shape, 1): Marsaglia & Tsang 2000, with the shape + 1 boost for shape < 1.
    double gamma(double shape);
    // Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b).
    double beta(double a, double b);
    // Fisher-Yates with below(), so a permutation is reproducible across platforms.
    void shuffle(std::vector<Eigen::Index>& items);
    // 0, 1, ..., n-1 in random order.
    std::vector<Eigen::Index> permutation(Eigen::Index n);

private:
    std::mt19937_64 m_engine;
    double m_spareNormal = 0.0;
    bool m_hasSpare = false;
};

} // namespace tw
