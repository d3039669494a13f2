#pragma once
#include <Eigen/Core>

namespace tw {

// Matrix products for the small shapes of an MLP on tabular data (a few to a few hundred
// features and units, batches of a few hundred samples), where Eigen's GEMM spends as much
// time packing its operands into panels and dispatching its blocks as it spends
// multiplying. Here nothing is packed: the operands are read where they are, a register
// block of the result is accumulated over the whole inner dimension and written once.
// All matrices are column-major and contiguous (leading dimension = rows), as the layers'
// activations and weights are. Each result element is one sum over the inner index in
// increasing order (multiplyTransposedRight) or packet-wise partial sums added at the end
// (multiplyTransposedLeft), so results agree with Eigen's to rounding, not bits.
class SmallProduct {
public:
    // Where these beat Eigen 3.4 (measured per shape with -march=x86-64-v3, see
    // docs/benchmarks.md): multiplyTransposedLeft when the result has at most kNarrow rows
    // (an output layer of a few classes, the input gradient of a few features),
    // multiplyTransposedRight when it has at most kNarrow columns (the weight gradient of a
    // few features or classes), both while the left operand fits (stays in L1/L2 cache). On
    // wider results Eigen's register blocking wins or ties, so the layers keep it there.
    static constexpr Eigen::Index kNarrow = 10;
    static bool fits(Eigen::Index m, Eigen::Index k, Eigen::Index n);

    // c = a * b^T with a m x k, b n x k, c m x n.
    static void multiplyTransposedRight(const float* a, const float* b, float* c, Eigen::Index m,
                                        Eigen::Index k, Eigen::Index n);
    // c = a^T * b with a k x m, b k x n, c m x n.
    static void multiplyTransposedLeft(const float* a, const float* b, float* c, Eigen::Index m,
                                       Eigen::Index k, Eigen::Index n);
};

} // namespace tw
