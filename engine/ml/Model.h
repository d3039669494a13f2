#pragma once
#include "data/Dataset.h"
#include "ml/ModelArchitecture.h"
#include "ml/ParameterBlock.h"

#include <Eigen/Core>

#include <cstdint>
#include <vector>

namespace tw {

// A model as a value: its architecture, its trainable parameters in ONE flat vector (what
// optimizers see) and its non-trainable buffers (batch norm's running statistics). These
// three are all a model file needs; parameterBlocks() and bufferBlocks() name the slices.
class Model {
public:
    Model() = default;
    // Fresh, seeded weights. Throws std::invalid_argument on an invalid architecture.
    Model(ModelArchitecture architecture, std::uint64_t seed);
    // Given weights (from a model file). Empty buffers mean the initial ones. Throws
    // std::invalid_argument when a size does not match the architecture.
    Model(ModelArchitecture architecture, Eigen::VectorXf parameters, Eigen::VectorXf buffers = {});

    const ModelArchitecture& architecture() const { return m_architecture; }
    bool isEmpty() const { return m_architecture.inputs == 0; }
    const Eigen::VectorXf& parameters() const { return m_parameters; }
    Eigen::VectorXf& parameters() { return m_parameters; }
    const Eigen::VectorXf& buffers() const { return m_buffers; }
    Eigen::VectorXf& buffers() { return m_buffers; }
    Eigen::Index parameterCount() const { return m_parameters.size(); }

    std::vector<ParameterBlock> parameterBlocks() const;
    std::vector<ParameterBlock> bufferBlocks() const;
    static Eigen::Index parameterCount(const ModelArchitecture& architecture);
    static Eigen::Index bufferCount(const ModelArchitecture& architecture);

    // Raw network outputs for the rows of x: rows x outputs (logits for a classifier).
    Eigen::MatrixXf logits(const FeatureMatrix& x) const;
    // rows x 1 predicted values (regression), or rows x classes probabilities (a sigmoid
    // output gives two columns, P(0) and P(1)).
    Eigen::MatrixXf predict(const FeatureMatrix& x) const;

    // Logits (outputs x n, column-major) -> probabilities or values (n x k), as predict().
    static Eigen::MatrixXf outputsToPredictions(OutputKind kind, const Eigen::Ref<const Eigen::MatrixXf>& logits);

private:
    ModelArchitecture m_architecture;
    Eigen::VectorXf m_parameters;
    Eigen::VectorXf m_buffers;
};

} // namespace tw
