#include "ml/MaxPool2DLayer.h"

#include "ml/ModelArchitecture.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace tw {

MaxPool2DLayer::MaxPool2DLayer(ImageShape input, int pool)
    : Layer(input.size(), pooledShape(input, pool).size()), m_in(input), m_out(pooledShape(input, pool)), m_pool(pool)
{
    if (pool < 1 || !input.isValid() || !m_out.isValid())
        throw std::invalid_argument("MaxPool2DLayer::MaxPool2DLayer(): the pool does not fit the input");
}

void MaxPool2DLayer::reserve(Eigen::Index maxBatch)
{
    m_argMax.resize(static_cast<size_t>(outputSize() * maxBatch));
}

namespace {

// Pool 2, the common case, eight windows at a time with GCC's vector extensions (the
// compiler does not vectorise the stride-2 loads of a plain loop). Which of four values is
// largest is random in training data, so a branch per comparison was mispredicted about
// half the time. The scan order is row-major (top-left, top-right, bottom-left,
// bottom-right) and comparisons are strict, as in the general loop: the first maximum wins.
using Float8 = float __attribute__((vector_size(32)));
using Int8 = int __attribute__((vector_size(32)));
using Float4 = float __attribute__((vector_size(16)));
using Int4 = int __attribute__((vector_size(16)));

// Unaligned loads and stores of a whole vector.
template <class Vector>
Vector load(const float* p)
{
    Vector v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

template <class Vector>
void store(float* p, Vector v)
{
    std::memcpy(p, &v, sizeof v);
}

Float8 evens(Float8 lo, Float8 hi)
{
    return __builtin_shufflevector(lo, hi, 0, 2, 4, 6, 8, 10, 12, 14);
}

Float8 odds(Float8 lo, Float8 hi)
{
    return __builtin_shufflevector(lo, hi, 1, 3, 5, 7, 9, 11, 13, 15);
}

// One window's maximum, the scalar form of the same rule.
float windowMax(float tl, float tr, float bl, float br)
{
    const float top = tr > tl ? tr : tl;
    const float bottom = br > bl ? br : bl;
    return bottom > top ? bottom : top;
}

void pool2x2(const float* x, int w, int oh, int ow, float* y)
{
    for (int oy = 0; oy < oh; ++oy) {
        const float* r0 = x + 2 * oy * w;
        const float* r1 = r0 + w;
        float* yo = y + oy * ow;
        int ox = 0;
        for (; ox + 8 <= ow; ox += 8) {
            const Float8 t0 = load<Float8>(r0 + 2 * ox), t1 = load<Float8>(r0 + 2 * ox + 8);
            const Float8 b0 = load<Float8>(r1 + 2 * ox), b1 = load<Float8>(r1 + 2 * ox + 8);
            const Float8 tl = evens(t0, t1), tr = odds(t0, t1), bl = evens(b0, b1), br = odds(b0, b1);
            const Float8 top = tr > tl ? tr : tl;
            const Float8 bottom = br > bl ? br : bl;
            store(yo + ox, bottom > top ? bottom : top);
        }
        for (; ox + 4 <= ow; ox += 4) {  // 7-wide maps (28 x 28 pooled twice) end here
            const Float4 t0 = load<Float4>(r0 + 2 * ox), t1 = load<Float4>(r0 + 2 * ox + 4);
            const Float4 b0 = load<Float4>(r1 + 2 * ox), b1 = load<Float4>(r1 + 2 * ox + 4);
            const Float4 tl = __builtin_shufflevector(t0, t1, 0, 2, 4, 6), tr = __builtin_shufflevector(t0, t1, 1, 3, 5, 7);
            const Float4 bl = __builtin_shufflevector(b0, b1, 0, 2, 4, 6), br = __builtin_shufflevector(b0, b1, 1, 3, 5, 7);
            const Float4 top = tr > tl ? tr : tl;
            const Float4 bottom = br > bl ? br : bl;
            store(yo + ox, bottom > top ? bottom : top);
        }
        for (; ox < ow; ++ox)
            yo[ox] = windowMax(r0[2 * ox], r0[2 * ox + 1], r1[2 * ox], r1[2 * ox + 1]);
    }
}

// The gradient of one plane's windows, routed to the element the forward pass took: the
// first of the four in scan order that equals the window's maximum (the top-left one when
// none does: a NaN). No arg-max is stored; every element of a window is written, so only
// a floor-mode remainder row or column needs zeroing beforehand.
void unpool2x2(const float* x, const float* y, const float* g, int w, int oh, int ow, float* d)
{
    const Float8 zero = {};
    for (int oy = 0; oy < oh; ++oy) {
        const float* r0 = x + 2 * oy * w;
        const float* r1 = r0 + w;
        float* d0 = d + 2 * oy * w;
        float* d1 = d0 + w;
        const float* yo = y + oy * ow;
        const float* go = g + oy * ow;
        int ox = 0;
        for (; ox + 8 <= ow; ox += 8) {
            const Float8 t0 = load<Float8>(r0 + 2 * ox), t1 = load<Float8>(r0 + 2 * ox + 8);
            const Float8 b0 = load<Float8>(r1 + 2 * ox), b1 = load<Float8>(r1 + 2 * ox + 8);
            const Float8 m = load<Float8>(yo + ox), grad = load<Float8>(go + ox);
            const Int8 eqB = odds(t0, t1) == m, eqC = evens(b0, b1) == m, eqD = odds(b0, b1) == m;
            const Int8 takeA = (evens(t0, t1) == m) | ~(eqB | eqC | eqD);
            const Int8 takeB = ~takeA & eqB;
            const Int8 takeC = ~takeA & ~eqB & eqC;
            const Int8 takeD = ~(takeA | takeB | takeC);
            const Float8 gA = takeA ? grad : zero, gB = takeB ? grad : zero;
            const Float8 gC = takeC ? grad : zero, gD = takeD ? grad : zero;
            store(d0 + 2 * ox, __builtin_shufflevector(gA, gB, 0, 8, 1, 9, 2, 10, 3, 11));
            store(d0 + 2 * ox + 8, __builtin_shufflevector(gA, gB, 4, 12, 5, 13, 6, 14, 7, 15));
            store(d1 + 2 * ox, __builtin_shufflevector(gC, gD, 0, 8, 1, 9, 2, 10, 3, 11));
            store(d1 + 2 * ox + 8, __builtin_shufflevector(gC, gD, 4, 12, 5, 13, 6, 14, 7, 15));
        }
        for (; ox + 4 <= ow; ox += 4) {
            const Float4 zero4 = {};
            const Float4 t0 = load<Float4>(r0 + 2 * ox), t1 = load<Float4>(r0 + 2 * ox + 4);
            const Float4 b0 = load<Float4>(r1 + 2 * ox), b1 = load<Float4>(r1 + 2 * ox + 4);
            const Float4 m = load<Float4>(yo + ox), grad = load<Float4>(go + ox);
            const Int4 eqB = __builtin_shufflevector(t0, t1, 1, 3, 5, 7) == m;
            const Int4 eqC = __builtin_shufflevector(b0, b1, 0, 2, 4, 6) == m;
            const Int4 eqD = __builtin_shufflevector(b0, b1, 1, 3, 5, 7) == m;
            const Int4 takeA = (__builtin_shufflevector(t0, t1, 0, 2, 4, 6) == m) | ~(eqB | eqC | eqD);
            const Int4 takeB = ~takeA & eqB;
            const Int4 takeC = ~takeA & ~eqB & eqC;
            const Int4 takeD = ~(takeA | takeB | takeC);
            const Float4 gA = takeA ? grad : zero4, gB = takeB ? grad : zero4;
            const Float4 gC = takeC ? grad : zero4, gD = takeD ? grad : zero4;
            store(d0 + 2 * ox, __builtin_shufflevector(gA, gB, 0, 4, 1, 5));
            store(d0 + 2 * ox + 4, __builtin_shufflevector(gA, gB, 2, 6, 3, 7));
            store(d1 + 2 * ox, __builtin_shufflevector(gC, gD, 0, 4, 1, 5));
            store(d1 + 2 * ox + 4, __builtin_shufflevector(gC, gD, 2, 6, 3, 7));
        }
        for (; ox < ow; ++ox) {
            const float m = yo[ox], grad = go[ox];
            const bool b = r0[2 * ox + 1] == m, c = r1[2 * ox] == m, e = r1[2 * ox + 1] == m;
            const bool a = r0[2 * ox] == m || !(b || c || e);
            d0[2 * ox] = a ? grad : 0.0f;
            d0[2 * ox + 1] = !a && b ? grad : 0.0f;
            d1[2 * ox] = !a && !b && c ? grad : 0.0f;
            d1[2 * ox + 1] = !a && !b && !c ? grad : 0.0f;
        }
    }
}

} // namespace

void MaxPool2DLayer::forward(const float*, const float*, ConstMatrixMap in, MatrixMap out, bool training,
                             std::uint64_t)
{
    const Eigen::Index n = in.cols();
    const int p = m_pool, w = m_in.width, ow = m_out.width, oh = m_out.height;
    if (training && p != 2 && m_argMax.size() < static_cast<size_t>(outputSize() * n))
        m_argMax.resize(static_cast<size_t>(outputSize() * n));
    if (p == 2) {
        for (Eigen::Index j = 0; j < n; ++j)
            for (int c = 0; c < m_out.channels; ++c)
                pool2x2(in.data() + j * inputSize() + c * m_in.height * w, w, oh, ow,
                        out.data() + j * outputSize() + c * oh * ow);
        return;
    }
    for (Eigen::Index j = 0; j < n; ++j) {
        const float* x = in.data() + j * inputSize();
        float* y = out.data() + j * outputSize();
        int* arg = training ? m_argMax.data() + j * outputSize() : nullptr;
        for (int c = 0; c < m_out.channels; ++c) {
            const int planeIn = c * m_in.height * w;
            for (int oy = 0; oy < oh; ++oy) {
                for (int ox = 0; ox < ow; ++ox) {
                    int best = planeIn + oy * p * w + ox * p;
                    float value = x[best];
                    for (int dy = 0; dy < p; ++dy) {
                        const int row = planeIn + (oy * p + dy) * w + ox * p;
                        for (int dx = 0; dx < p; ++dx) {
                            if (x[row + dx] > value) {
                                value = x[row + dx];
                                best = row + dx;
                            }
                        }
                    }
                    const int o = (c * oh + oy) * ow + ox;
                    y[o] = value;
                    if (arg)
                        arg[o] = best;
                }
            }
        }
    }
}

void MaxPool2DLayer::backward(const float*, ConstMatrixMap in, ConstMatrixMap out, MatrixMap dOut, float* dIn,
                              float*)
{
    if (!dIn)
        return;
    const Eigen::Index n = in.cols();
    if (m_pool == 2) {
        const int w = m_in.width, h = m_in.height, ow = m_out.width, oh = m_out.height;
        const bool remainder = h != 2 * oh || w != 2 * ow;
        if (remainder)
            std::fill(dIn, dIn + inputSize() * n, 0.0f);
        for (Eigen::Index j = 0; j < n; ++j)
            for (int c = 0; c < m_out.channels; ++c) {
                const Eigen::Index planeIn = j * inputSize() + static_cast<Eigen::Index>(c) * h * w;
                const Eigen::Index planeOut = j * outputSize() + static_cast<Eigen::Index>(c) * oh * ow;
                unpool2x2(in.data() + planeIn, out.data() + planeOut, dOut.data() + planeOut, w, oh, ow, dIn + planeIn);
            }
        return;
    }
    std::fill(dIn, dIn + inputSize() * n, 0.0f);
    for (Eigen::Index j = 0; j < n; ++j) {
        const float* g = dOut.data() + j * outputSize();
        const int* arg = m_argMax.data() + j * outputSize();
        float* d = dIn + j * inputSize();
        for (Eigen::Index o = 0; o < outputSize(); ++o)
            d[arg[o]] += g[o];
    }
}

} // namespace tw
