#pragma once
#include <cstdint>
#include <string_view>

namespace tw {

// Deterministic, stateless randomness for samplers: a value drawn for (seed, trial number,
// parameter name) is the same in every process and thread, whatever was asked before.
class SeedHash {
public:
    // SplitMix64's finalizer (Steele, Lea & Flood 2014): a bijective 64-bit mixer.
    static constexpr std::uint64_t mix(std::uint64_t z)
    {
        z += 0x9e3779b97f4a7c15ULL;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    static constexpr std::uint64_t combine(std::uint64_t a, std::uint64_t b)
    {
        return mix(a ^ (mix(b) + 0x632be59bd9b4e019ULL + (a << 6) + (a >> 2)));
    }
    // FNV-1a, then mixed.
    static constexpr std::uint64_t ofString(std::string_view text)
    {
        std::uint64_t h = 0xcbf29ce484222325ULL;
        for (unsigned char c : text) {
            h ^= c;
            h *= 0x100000001b3ULL;
        }
        return mix(h);
    }
    static std::uint64_t of(std::uint64_t seed, std::int64_t trialNumber, std::string_view name)
    {
        return combine(combine(mix(seed), static_cast<std::uint64_t>(trialNumber)), ofString(name));
    }
    // A double in [0, 1) from the top 53 bits.
    static constexpr double toUnit(std::uint64_t h)
    {
        return static_cast<double>(h >> 11) * (1.0 / 9007199254740992.0);
    }
};

} // namespace tw
