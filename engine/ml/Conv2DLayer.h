#pragma once
#include "ml/Activation.h"
#include "ml/Layer.h"
#include "ml/ModelArchitecture.h"

namespace tw {

// A 2-D convolution over channels-first images (one sample a contiguous column of
// C x H x W values), with its bias and activation fused: out = f(conv(in, W) + b).
//
// im2col over Eigen's GEMM: the samples of a batch are taken in chunks of about
// kChunkRows output positions; a chunk's patches form the matrix P (positions x C*k*k,
// column-major, so each column is a contiguous run), and P * W gives every position's
// filters at once. W is stored C*k*k x filters column-major, which is PyTorch's
// [filters][C][k][k] weight in row-major order; then the bias (filters). The backward
// pass rebuilds P per chunk (cheaper than caching it) for dW = P^T dY and, unless this is
// the first layer, dP = dY W^T, scattered back onto the input (col2im).
class Conv2DLayer : public Layer {
public:
    static constexpr Eigen::Index kChunkRows = 784;

    Conv2DLayer(ImageShape input, int filters, int kernel, int stride, Padding padding, Activation activation,
                float leakySlope, WeightInit init);

    std::string_view kind() const override { return "conv2d"; }
    const ImageShape& inputShape() const { return m_in; }
    const ImageShape& outputShape() const { return m_out; }
    Eigen::Index patchSize() const { return static_cast<Eigen::Index>(m_in.channels) * m_kernel * m_kernel; }
    Eigen::Index parameterCount() const override { return patchSize() * m_out.channels + m_out.channels; }
    std::vector<ParameterBlock> parameterBlocks() const override;
    void initializeParameters(float* params, Random& rng) const override;
    void reserve(Eigen::Index maxBatch) override;
    void forward(const float* params, const float* buffers, ConstMatrixMap in, MatrixMap out, bool training,
                 std::uint64_t seed) override;
    void backward(const float* params, ConstMatrixMap in, ConstMatrixMap out, MatrixMap dOut, float* dIn,
                  float* grad) override;

private:
    // P for samples [first, first + count) of `in` into m_patches.
    void im2col(const float* in, Eigen::Index first, Eigen::Index count);
    // dIn[first .. first + count) = col2im(m_patches).
    void col2im(float* dIn, Eigen::Index first, Eigen::Index count) const;

    ImageShape m_in;
    ImageShape m_out;
    int m_kernel;
    int m_stride;
    int m_padTop = 0;
    int m_padLeft = 0;
    Activation m_activation;
    float m_leakySlope;
    WeightInit m_init;
    Eigen::Index m_chunk = 1;  // samples per GEMM
    Eigen::MatrixXf m_patches; // chunk * positions x patchSize
    Eigen::MatrixXf m_result;  // chunk * positions x filters
    Eigen::MatrixXf m_preActivation;  // GELU only
};

} // namespace tw
