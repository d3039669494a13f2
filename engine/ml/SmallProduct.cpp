// GCC 12 warns inside its own AVX-512 intrinsics (_mm512_undefined_ps) when Eigen packet
// code is inlined here with -march=native; the warning is about the compiler's header.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include "ml/SmallProduct.h"

#include <cmath>

namespace tw {

namespace {

using Eigen::Index;
using Packet = Eigen::internal::packet_traits<float>::type;
constexpr Index kPacket = static_cast<Index>(sizeof(Packet) / sizeof(float));

// A fused multiply-add where the hardware has one (as Eigen's pmadd on packets), so the
// scalar edges round as the vector body does.
inline float madd(float a, float b, float c)
{
#ifdef FP_FAST_FMAF
    return std::fma(a, b, c);
#else
    return a * b + c;
#endif
}

// The right operand's element (p, j) is b[p * rowStep + j * colStep].
struct Right {
    const float* b;
    Index rowStep;
    Index colStep;
    float at(Index p, Index j) const { return b[p * rowStep + j * colStep]; }
};

// c(i.., j..) for Rows packets of rows from i and Cols columns from j: each accumulator
// sums a(i, p) * b(p, j) for p = 0, 1, ..., k - 1, in that order.
template <int Rows, int Cols>
void axpyBlock(const float* a, Index m, Index k, Right b, float* c, Index i, Index j)
{
    using namespace Eigen::internal;
    Packet acc[Rows][Cols];
#pragma GCC unroll 4
    for (int r = 0; r < Rows; ++r)
#pragma GCC unroll 4
        for (int q = 0; q < Cols; ++q)
            acc[r][q] = pset1<Packet>(0.0f);
    const float* ap = a + i;
    for (Index p = 0; p < k; ++p, ap += m) {
        Packet x[Rows];
#pragma GCC unroll 4
        for (int r = 0; r < Rows; ++r)
            x[r] = ploadu<Packet>(ap + r * kPacket);
#pragma GCC unroll 4
        for (int q = 0; q < Cols; ++q) {
            const Packet w = pset1<Packet>(b.at(p, j + q));
#pragma GCC unroll 4
            for (int r = 0; r < Rows; ++r)
                acc[r][q] = pmadd(x[r], w, acc[r][q]);
        }
    }
#pragma GCC unroll 4
    for (int q = 0; q < Cols; ++q)
#pragma GCC unroll 4
        for (int r = 0; r < Rows; ++r)
            pstoreu(c + (j + q) * m + i + r * kPacket, acc[r][q]);
}

// The rows from i that do not fill a packet, one at a time.
template <int Cols>
void axpyEdge(const float* a, Index m, Index k, Right b, float* c, Index i, Index j)
{
    for (; i < m; ++i) {
        float acc[Cols] = {};
        for (Index p = 0; p < k; ++p) {
            const float x = a[i + p * m];
#pragma GCC unroll 4
            for (int q = 0; q < Cols; ++q)
                acc[q] = madd(x, b.at(p, j + q), acc[q]);
        }
#pragma GCC unroll 4
        for (int q = 0; q < Cols; ++q)
            c[(j + q) * m + i] = acc[q];
    }
}

template <int Cols>
void axpyColumns(const float* a, Index m, Index k, Right b, float* c, Index j)
{
    Index i = 0;
    for (; i + 3 * kPacket <= m; i += 3 * kPacket)
        axpyBlock<3, Cols>(a, m, k, b, c, i, j);
    for (; i + 2 * kPacket <= m; i += 2 * kPacket)
        axpyBlock<2, Cols>(a, m, k, b, c, i, j);
    for (; i + kPacket <= m; i += kPacket)
        axpyBlock<1, Cols>(a, m, k, b, c, i, j);
    axpyEdge<Cols>(a, m, k, b, c, i, j);
}

// c = a * B with a m x k column-major and B given by `b`.
void axpyProduct(const float* a, Right b, float* c, Index m, Index k, Index n)
{
    Index j = 0;
    for (; j + 4 <= n; j += 4)
        axpyColumns<4>(a, m, k, b, c, j);
    for (; j < n; ++j)
        axpyColumns<1>(a, m, k, b, c, j);
}

// c(i.., j..) = a(:, i..)^T b(:, j..) for Rows x Cols dot products of length k, each
// accumulated packet-wise along k, the packet's lanes and the scalar tail summed last.
template <int Rows, int Cols>
void dotBlock(const float* a, const float* b, float* c, Index m, Index k, Index i, Index j)
{
    using namespace Eigen::internal;
    Packet acc[Rows][Cols];
#pragma GCC unroll 4
    for (int r = 0; r < Rows; ++r)
#pragma GCC unroll 4
        for (int q = 0; q < Cols; ++q)
            acc[r][q] = pset1<Packet>(0.0f);
    Index p = 0;
    for (; p + kPacket <= k; p += kPacket) {
        Packet x[Rows];
#pragma GCC unroll 4
        for (int r = 0; r < Rows; ++r)
            x[r] = ploadu<Packet>(a + (i + r) * k + p);
#pragma GCC unroll 4
        for (int q = 0; q < Cols; ++q) {
            const Packet y = ploadu<Packet>(b + (j + q) * k + p);
#pragma GCC unroll 4
            for (int r = 0; r < Rows; ++r)
                acc[r][q] = pmadd(x[r], y, acc[r][q]);
        }
    }
#pragma GCC unroll 4
    for (int r = 0; r < Rows; ++r)
#pragma GCC unroll 4
        for (int q = 0; q < Cols; ++q) {
            float tail = 0.0f;
            for (Index t = p; t < k; ++t)
                tail = madd(a[(i + r) * k + t], b[(j + q) * k + t], tail);
            c[(j + q) * m + i + r] = predux(acc[r][q]) + tail;
        }
}

template <int Cols>
void dotColumns(const float* a, const float* b, float* c, Index m, Index k, Index j)
{
    Index i = 0;
    for (; i + 2 <= m; i += 2)
        dotBlock<2, Cols>(a, b, c, m, k, i, j);
    for (; i < m; ++i)
        dotBlock<1, Cols>(a, b, c, m, k, i, j);
}

} // namespace

bool SmallProduct::fits(Index m, Index k, Index n)
{
    // 32,768 floats (128 KiB) of left operand: a hidden layer of 128 units by a batch of
    // 256, or 128 by 256 weights; an MNIST-sized 784-input layer is left to Eigen.
    return m > 0 && k > 0 && n > 0 && m <= 1024 && k <= 1024 && m * k <= 32768;
}

void SmallProduct::multiplyTransposedRight(const float* a, const float* b, float* c, Index m, Index k,
                                           Index n)
{
    axpyProduct(a, Right{b, n, 1}, c, m, k, n);
}

void SmallProduct::multiplyTransposedLeft(const float* a, const float* b, float* c, Index m, Index k,
                                          Index n)
{
    Index j = 0;
    for (; j + 4 <= n; j += 4)
        dotColumns<4>(a, b, c, m, k, j);
    for (; j < n; ++j)
        dotColumns<1>(a, b, c, m, k, j);
}

} // namespace tw
