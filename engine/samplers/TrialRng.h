#pragma once
#include "core/FrozenTrial.h"

#include <cstdint>
#include <limits>
#include <string_view>

namespace tw {

// A small, fast generator whose streams are derived from (seed, trial number, name), so a
// trial's suggestions depend on nothing but the seed and its number: parallel, resumed
// and distributed runs draw the same values for the same trial. The draws are defined
// here bit for bit (no std:: distributions, whose output differs between libraries).
// xoshiro256** (Blackman & Vigna 2018), seeded through SplitMix64 (Steele et al. 2014).
class TrialRng {
public:
    using result_type = std::uint64_t;

    explicit TrialRng(std::uint64_t seed);
    // The stream of one trial and one purpose (a parameter's name, "relative", ...). The
    // Study's duplicate guard sets the trial's system attr "resample" to 1, 2... when it
    // asks again for the same trial; it is mixed in so that each attempt draws anew.
    static TrialRng forTrial(std::uint64_t seed, const FrozenTrial& trial, std::string_view stream = {});

    std::uint64_t next();
    std::uint64_t operator()() { return next(); }
    static constexpr std::uint64_t min() { return 0; }
    static constexpr std::uint64_t max() { return std::numeric_limits<std::uint64_t>::max(); }

    double uniform01();                      // [0, 1), 53 random bits
    std::uint64_t below(std::uint64_t n);    // [0, n), unbiased; n > 0
    double normal();                         // standard normal (Box-Muller)

    static std::uint64_t splitmix64(std::uint64_t x);
    static std::uint64_t hash(std::string_view text);  // FNV-1a, stable across platforms
    static std::uint64_t combine(std::uint64_t a, std::uint64_t b);

private:
    std::uint64_t m_s[4];
};

} // namespace tw
