#include "samplers/SobolSequence.h"

#include "core/Random.h"

#include <stdexcept>
#include <string>

namespace tw {

namespace {

struct DirectionSeed {
    int degree;         // s: the degree of the primitive polynomial
    int coefficients;   // a: its inner coefficients, highest first
    int initial[9];     // m_1 .. m_s: odd, m_k < 2^k
};

// Joe & Kuo 2008, new-joe-kuo-6.21201, dimensions 2..64 (dimension 1 is van der Corput).
constexpr DirectionSeed kJoeKuo[] = {
    {1, 0, {1}},  // dim 2
    {2, 1, {1, 3}},  // dim 3
    {3, 1, {1, 3, 1}},  // dim 4
    {3, 2, {1, 1, 1}},  // dim 5
    {4, 1, {1, 1, 3, 3}},  // dim 6
    {4, 4, {1, 3, 5, 13}},  // dim 7
    {5, 2, {1, 1, 5, 5, 17}},  // dim 8
    {5, 4, {1, 1, 5, 5, 5}},  // dim 9
    {5, 7, {1, 1, 7, 11, 19}},  // dim 10
    {5, 11, {1, 1, 5, 1, 1}},  // dim 11
    {5, 13, {1, 1, 1, 3, 11}},  // dim 12
    {5, 14, {1, 3, 5, 5, 31}},  // dim 13
    {6, 1, {1, 3, 3, 9, 7, 49}},  // dim 14
    {6, 13, {1, 1, 1, 15, 21, 21}},  // dim 15
    {6, 16, {1, 3, 1, 13, 27, 49}},  // dim 16
    {6, 19, {1, 1, 1, 15, 7, 5}},  // dim 17
    {6, 22, {1, 3, 1, 15, 13, 25}},  // dim 18
    {6, 25, {1, 1, 5, 5, 19, 61}},  // dim 19
    {7, 1, {1, 3, 7, 11, 23, 15, 103}},  // dim 20
    {7, 4, {1, 3, 7, 13, 13, 15, 69}},  // dim 21
    {7, 7, {1, 1, 3, 13, 7, 35, 63}},  // dim 22
    {7, 8, {1, 3, 5, 9, 1, 25, 53}},  // dim 23
    {7, 14, {1, 3, 1, 13, 9, 35, 107}},  // dim 24
    {7, 19, {1, 3, 1, 5, 27, 61, 31}},  // dim 25
    {7, 21, {1, 1, 5, 11, 19, 41, 61}},  // dim 26
    {7, 28, {1, 3, 5, 3, 3, 13, 69}},  // dim 27
    {7, 31, {1, 1, 7, 13, 1, 19, 1}},  // dim 28
    {7, 32, {1, 3, 7, 5, 13, 19, 59}},  // dim 29
    {7, 37, {1, 1, 3, 9, 25, 29, 41}},  // dim 30
    {7, 41, {1, 3, 5, 13, 23, 1, 55}},  // dim 31
    {7, 42, {1, 3, 7, 3, 13, 59, 17}},  // dim 32
    {7, 50, {1, 3, 1, 3, 5, 53, 69}},  // dim 33
    {7, 55, {1, 1, 5, 5, 23, 33, 13}},  // dim 34
    {7, 56, {1, 1, 7, 7, 1, 61, 123}},  // dim 35
    {7, 59, {1, 1, 7, 9, 13, 61, 49}},  // dim 36
    {7, 62, {1, 3, 3, 5, 3, 55, 33}},  // dim 37
    {8, 14, {1, 3, 1, 15, 31, 13, 49, 245}},  // dim 38
    {8, 21, {1, 3, 5, 15, 31, 59, 63, 97}},  // dim 39
    {8, 22, {1, 3, 1, 11, 11, 11, 77, 249}},  // dim 40
    {8, 38, {1, 3, 1, 11, 27, 43, 71, 9}},  // dim 41
    {8, 47, {1, 1, 7, 15, 21, 11, 81, 45}},  // dim 42
    {8, 49, {1, 3, 7, 3, 25, 31, 65, 79}},  // dim 43
    {8, 50, {1, 3, 1, 1, 19, 11, 3, 205}},  // dim 44
    {8, 52, {1, 1, 5, 9, 19, 21, 29, 157}},  // dim 45
    {8, 56, {1, 3, 7, 11, 1, 33, 89, 185}},  // dim 46
    {8, 67, {1, 3, 3, 3, 15, 9, 79, 71}},  // dim 47
    {8, 70, {1, 3, 7, 11, 15, 39, 119, 27}},  // dim 48
    {8, 84, {1, 1, 3, 1, 11, 31, 97, 225}},  // dim 49
    {8, 97, {1, 1, 1, 3, 23, 43, 57, 177}},  // dim 50
    {8, 103, {1, 3, 7, 7, 17, 17, 37, 71}},  // dim 51
    {8, 115, {1, 3, 1, 5, 27, 63, 123, 213}},  // dim 52
    {8, 122, {1, 1, 3, 5, 11, 43, 53, 133}},  // dim 53
    {9, 8, {1, 3, 5, 5, 29, 17, 47, 173, 479}},  // dim 54
    {9, 13, {1, 3, 3, 11, 3, 1, 109, 9, 69}},  // dim 55
    {9, 16, {1, 1, 1, 5, 17, 39, 23, 5, 343}},  // dim 56
    {9, 22, {1, 3, 1, 5, 25, 15, 31, 103, 499}},  // dim 57
    {9, 25, {1, 1, 1, 11, 11, 17, 63, 105, 183}},  // dim 58
    {9, 44, {1, 1, 5, 11, 9, 29, 97, 231, 363}},  // dim 59
    {9, 47, {1, 1, 5, 15, 19, 45, 41, 7, 383}},  // dim 60
    {9, 52, {1, 3, 7, 7, 31, 19, 83, 137, 221}},  // dim 61
    {9, 55, {1, 1, 1, 3, 23, 15, 111, 223, 83}},  // dim 62
    {9, 59, {1, 1, 5, 13, 31, 15, 55, 25, 161}},  // dim 63
    {9, 62, {1, 1, 3, 13, 25, 47, 39, 87, 257}},  // dim 64
};
static_assert(sizeof(kJoeKuo) / sizeof(kJoeKuo[0]) == SobolSequence::kMaxDimensions - 1);

int parity(std::uint64_t x)
{
    return __builtin_parityll(x);
}

} // namespace

SobolSequence::SobolSequence(int dimensions, bool scramble, std::uint64_t seed)
    : m_dimensions(dimensions)
    , m_scrambled(scramble)
{
    if (dimensions < 1 || dimensions > kMaxDimensions)
        throw std::invalid_argument("SobolSequence::SobolSequence(): dimensions must be in [1, " +
                                    std::to_string(kMaxDimensions) + "], got " +
                                    std::to_string(dimensions));
    constexpr int B = kBits;
    m_directions.assign(static_cast<std::size_t>(dimensions) * B, 0);
    for (int k = 0; k < B; ++k)
        m_directions[k] = std::uint64_t{1} << (B - 1 - k);
    for (int d = 1; d < dimensions; ++d) {
        const DirectionSeed& seedRow = kJoeKuo[d - 1];
        const int s = seedRow.degree;
        std::uint64_t* v = &m_directions[static_cast<std::size_t>(d) * B];
        for (int k = 0; k < B; ++k) {
            if (k < s) {
                v[k] = static_cast<std::uint64_t>(seedRow.initial[k]) << (B - 1 - k);
                continue;
            }
            // Bratley & Fox's recurrence: the polynomial's inner coefficients pick the
            // earlier direction numbers that enter the sum.
            std::uint64_t x = v[k - s] ^ (v[k - s] >> s);
            for (int i = 1; i < s; ++i)
                if ((seedRow.coefficients >> (s - 1 - i)) & 1)
                    x ^= v[k - i];
            v[k] = x;
        }
    }
    m_shift.assign(dimensions, 0);
    if (!scramble)
        return;
    std::uint64_t state = seed ^ 0x50b0150b01ULL;
    const std::uint64_t mask = (std::uint64_t{1} << B) - 1;
    for (int d = 0; d < dimensions; ++d) {
        // Row t of a random lower-triangular GF(2) matrix with a unit diagonal: output digit
        // t (t = 0 the most significant) mixes input digits 0..t.
        std::uint64_t rows[B];
        for (int t = 0; t < B; ++t) {
            const std::uint64_t own = std::uint64_t{1} << (B - 1 - t);
            const std::uint64_t higher = mask & ~((own << 1) - 1);  // digits 0..t-1
            rows[t] = (Random::splitMix64(state) & higher) | own;
        }
        std::uint64_t* v = &m_directions[static_cast<std::size_t>(d) * B];
        for (int k = 0; k < B; ++k) {
            std::uint64_t scrambled = 0;
            for (int t = 0; t < B; ++t)
                scrambled |= static_cast<std::uint64_t>(parity(rows[t] & v[k])) << (B - 1 - t);
            v[k] = scrambled;
        }
        m_shift[d] = Random::splitMix64(state) & mask;
    }
}

void SobolSequence::point(std::uint64_t index, double* out) const
{
    constexpr int B = kBits;
    if (index >> B)
        throw std::out_of_range("SobolSequence::point(): index must be below 2^52");
    const std::uint64_t gray = index ^ (index >> 1);
    constexpr double scale = 1.0 / static_cast<double>(std::uint64_t{1} << B);
    for (int d = 0; d < m_dimensions; ++d) {
        const std::uint64_t* v = &m_directions[static_cast<std::size_t>(d) * B];
        std::uint64_t x = m_shift[d];
        for (std::uint64_t g = gray; g; g &= g - 1)
            x ^= v[__builtin_ctzll(g)];
        out[d] = static_cast<double>(x) * scale;
    }
}

std::vector<double> SobolSequence::point(std::uint64_t index) const
{
    std::vector<double> p(m_dimensions);
    point(index, p.data());
    return p;
}

} // namespace tw
