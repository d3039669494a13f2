#pragma once
#include <cstdint>
#include <vector>

namespace tw {

// Sobol low-discrepancy points in [0, 1)^d, in Gray-code order (as Joe & Kuo and SciPy),
// with random access by index: point(i) is a pure function of (dimensions, scramble, seed, i).
// Direction numbers: Joe & Kuo 2008, "new-joe-kuo-6.21201", dimensions 1..64.
// Scrambling: a random linear matrix scramble plus a random digital shift (Matousek 1998;
// the scheme SciPy's qmc.Sobol uses), drawn from the seed. Both keep the (t, m, s)-net
// structure: every aligned block of 2^m points still stratifies each coordinate.
class SobolSequence {
public:
    static constexpr int kMaxDimensions = 64;
    static constexpr int kBits = 52;  // resolution 2^-52: every point is an exact double

    SobolSequence(int dimensions, bool scramble, std::uint64_t seed = 0);

    int dimensions() const { return m_dimensions; }
    bool scrambled() const { return m_scrambled; }
    // Writes dimensions() coordinates in [0, 1). index must be below 2^52.
    void point(std::uint64_t index, double* out) const;
    std::vector<double> point(std::uint64_t index) const;

private:
    int m_dimensions;
    bool m_scrambled;
    // m_directions[d * kBits + k]: direction number k of dimension d, top bit at kBits - 1.
    std::vector<std::uint64_t> m_directions;
    std::vector<std::uint64_t> m_shift;
};

} // namespace tw
