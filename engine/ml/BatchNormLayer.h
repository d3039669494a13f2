#pragma once
#include "ml/Activation.h"
#include "ml/Layer.h"

namespace tw {

// Batch normalisation, Ioffe & Szegedy 2015, Algorithm 1 (and its backward pass), with the
// following activation fused: out = f(gamma * (x - mean) / sqrt(var + eps) + beta).
// Parameters: gamma, then beta. Buffers: running mean, then running variance (unbiased),
// used at inference. Training uses the batch's own statistics; the trainer folds
// batchStatistics() into the running buffers (momentum 0.1, as PyTorch).
class BatchNormLayer : public Layer {
public:
    static constexpr float kEpsilon = 1e-5f;

    BatchNormLayer(Eigen::Index size, Activation activation, float leakySlope);

    std::string_view kind() const override { return "batch_norm"; }
    Eigen::Index parameterCount() const override { return 2 * outputSize(); }
    Eigen::Index bufferCount() const override { return 2 * outputSize(); }
    std::vector<ParameterBlock> parameterBlocks() const override;
    std::vector<ParameterBlock> bufferBlocks() const override;
    void initializeParameters(float* params, Random& rng) const override;
    void initializeBuffers(float* buffers) const override;
    void reserve(Eigen::Index maxBatch) override;
    void forward(const float* params, const float* buffers, ConstMatrixMap in, MatrixMap out,
                 bool training, std::uint64_t seed) override;
    void backward(const float* params, ConstMatrixMap in, ConstMatrixMap out, MatrixMap dOut,
                  float* dIn, float* grad) override;
    void batchStatistics(float* out) const override;

private:
    Activation m_activation;
    float m_leakySlope;
    Eigen::MatrixXf m_normalized;     // x-hat, size x maxBatch
    Eigen::MatrixXf m_preActivation;  // GELU only
    Eigen::ArrayXf m_invStd;
    Eigen::ArrayXf m_batchMean;
    Eigen::ArrayXf m_batchVariance;   // unbiased
};

} // namespace tw
