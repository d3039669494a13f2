#pragma once
#include "ml/Activation.h"
#include "ml/Layer.h"
#include "ml/ModelArchitecture.h"

namespace tw {

// A fully connected layer with its activation fused into the bias add:
// out = f(W in + b). W (outputs x inputs, column-major) comes first in the flat vector,
// then b. The activation's derivative is taken from the output (no extra cache) except for
// GELU, which keeps its pre-activation.
class DenseLayer : public Layer {
public:
    DenseLayer(Eigen::Index inputs, Eigen::Index outputs, Activation activation,
               float leakySlope, WeightInit init);

    std::string_view kind() const override { return "dense"; }
    Activation activation() const { return m_activation; }
    Eigen::Index parameterCount() const override { return outputSize() * inputSize() + outputSize(); }
    std::vector<ParameterBlock> parameterBlocks() const override;
    void initializeParameters(float* params, Random& rng) const override;
    void reserve(Eigen::Index maxBatch) override;
    void forward(const float* params, const float* buffers, ConstMatrixMap in, MatrixMap out,
                 bool training, std::uint64_t seed) override;
    void backward(const float* params, ConstMatrixMap in, ConstMatrixMap out, MatrixMap dOut,
                  float* dIn, float* grad) override;

private:
    Activation m_activation;
    float m_leakySlope;
    WeightInit m_init;
    Eigen::MatrixXf m_preActivation;  // GELU only
    Eigen::MatrixXf m_narrowScratch;  // inputs x outputs, for at most SmallProduct::kNarrow outputs
};

} // namespace tw
