#pragma once
#include "ml/Layer.h"
#include "ml/ModelArchitecture.h"

#include <memory>
#include <vector>

namespace tw {

// The executable form of a ModelArchitecture: its layers, their offsets into the flat
// parameter and buffer vectors, and every activation and gradient buffer, sized once for
// batches of up to maxBatch samples. A Network holds no weights, so one model can be run
// by several Networks at once (one per training thread); a Network is not shared between
// threads.
class Network {
public:
    Network(const ModelArchitecture& architecture, Eigen::Index maxBatch);

    const ModelArchitecture& architecture() const { return m_architecture; }
    Eigen::Index maxBatch() const { return m_maxBatch; }
    Eigen::Index parameterCount() const { return m_parameterCount; }
    Eigen::Index bufferCount() const { return m_bufferCount; }
    const std::vector<std::unique_ptr<Layer>>& layers() const { return m_layers; }
    // Absolute offsets; names "layers.<i>.<name>" with i the layer's index.
    std::vector<ParameterBlock> parameterBlocks() const;
    std::vector<ParameterBlock> bufferBlocks() const;

    // Seeded initial parameters (He or Xavier weights, zero biases, unit gammas) and the
    // initial buffers (zero running means, unit running variances).
    void initializeParameters(Eigen::Ref<Eigen::VectorXf> parameters, std::uint64_t seed) const;
    void initializeBuffers(Eigen::Ref<Eigen::VectorXf> buffers) const;

    // The input buffer for n samples (inputs x n), to fill before forward(n).
    MatrixMap input(Eigen::Index n);
    // Runs the layers on input(n); returns the logits (outputs x n), valid until the next call.
    ConstMatrixMap forward(const float* parameters, const float* buffers, Eigen::Index n,
                           bool training, std::uint64_t seed = 0);
    // dL/dlogits for the last forward (outputs x n), to fill before backward().
    MatrixMap outputGradient();
    // Writes the whole gradient (parameterCount floats) for the last training forward.
    void backward(const float* parameters, float* gradient);
    // Batch statistics of the last training forward, in the buffers' layout.
    void batchStatistics(float* out) const;

private:
    ModelArchitecture m_architecture;
    Eigen::Index m_maxBatch;
    Eigen::Index m_parameterCount = 0;
    Eigen::Index m_bufferCount = 0;
    Eigen::Index m_batch = 0;  // n of the last forward
    std::vector<std::unique_ptr<Layer>> m_layers;
    std::vector<Eigen::Index> m_parameterOffsets;
    std::vector<Eigen::Index> m_bufferOffsets;
    Eigen::MatrixXf m_input;
    std::vector<Eigen::MatrixXf> m_outputs;    // layer i's output
    std::vector<Eigen::MatrixXf> m_gradients;  // dL/d(layer i's output)
};

} // namespace tw
