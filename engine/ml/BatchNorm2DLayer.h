#pragma once
#include "data/ImageShape.h"
#include "ml/Activation.h"
#include "ml/Layer.h"

namespace tw {

// Batch normalisation of feature maps, per channel (PyTorch's BatchNorm2d): each channel's
// mean and variance are taken over the batch and every position of its map, and one
// gamma and beta per channel scale and shift it; the following activation is fused.
// Parameters: gamma, then beta (channels each). Buffers: running mean, then running
// variance (unbiased, over n x H x W values), used at inference; the trainer folds
// batchStatistics() into them, as for BatchNormLayer. After an inference forward,
// backward() differentiates the frozen normalisation (running statistics).
class BatchNorm2DLayer : public Layer {
public:
    static constexpr float kEpsilon = 1e-5f;

    BatchNorm2DLayer(ImageShape shape, Activation activation, float leakySlope);

    std::string_view kind() const override { return "batch_norm2d"; }
    Eigen::Index channels() const { return m_shape.channels; }
    Eigen::Index parameterCount() const override { return 2 * channels(); }
    Eigen::Index bufferCount() const override { return 2 * channels(); }
    std::vector<ParameterBlock> parameterBlocks() const override;
    std::vector<ParameterBlock> bufferBlocks() const override;
    void initializeParameters(float* params, Random& rng) const override;
    void initializeBuffers(float* buffers) const override;
    void reserve(Eigen::Index maxBatch) override;
    void forward(const float* params, const float* buffers, ConstMatrixMap in, MatrixMap out, bool training,
                 std::uint64_t seed) override;
    void backward(const float* params, ConstMatrixMap in, ConstMatrixMap out, MatrixMap dOut, float* dIn,
                  float* grad) override;
    void batchStatistics(float* out) const override;

private:
    ImageShape m_shape;
    Activation m_activation;
    float m_leakySlope;
    Eigen::MatrixXf m_normalized;     // x-hat, size x maxBatch
    Eigen::MatrixXf m_preActivation;  // GELU only
    Eigen::ArrayXf m_invStd;
    Eigen::ArrayXf m_batchMean;
    Eigen::ArrayXf m_batchVariance;   // unbiased
    bool m_training = true;           // of the last forward
};

} // namespace tw
