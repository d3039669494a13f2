#pragma once
#include "ml/ParameterBlock.h"
#include "core/Random.h"

#include <Eigen/Core>

#include <cstdint>
#include <string_view>
#include <vector>

namespace tw {

using MatrixMap = Eigen::Map<Eigen::MatrixXf>;
using ConstMatrixMap = Eigen::Map<const Eigen::MatrixXf>;

// One layer of a Network. Activations are column-major matrices of features x samples,
// so a sample is a contiguous column and every product is a plain GEMM. A layer does not
// own its parameters: it reads them at an offset of the model's flat vector and writes its
// gradient at the same offset of the gradient vector. It does own the caches that the
// backward pass needs, sized once by reserve(), so a training step allocates nothing.
class Layer {
public:
    Layer(Eigen::Index inputSize, Eigen::Index outputSize)
        : m_inputSize(inputSize), m_outputSize(outputSize) {}
    virtual ~Layer() = default;
    Layer(const Layer&) = delete;
    Layer& operator=(const Layer&) = delete;

    Eigen::Index inputSize() const { return m_inputSize; }
    Eigen::Index outputSize() const { return m_outputSize; }
    virtual std::string_view kind() const = 0;

    virtual Eigen::Index parameterCount() const { return 0; }
    // Non-trainable state that belongs to the model (batch norm's running statistics).
    virtual Eigen::Index bufferCount() const { return 0; }
    // Offsets relative to this layer's first parameter (or buffer); names without prefix.
    virtual std::vector<ParameterBlock> parameterBlocks() const { return {}; }
    virtual std::vector<ParameterBlock> bufferBlocks() const { return {}; }

    virtual void initializeParameters(float* /*params*/, Random& /*rng*/) const {}
    virtual void initializeBuffers(float* /*buffers*/) const {}
    // Sizes the caches for batches of up to maxBatch samples.
    virtual void reserve(Eigen::Index /*maxBatch*/) {}

    // out = layer(in) for the n = in.cols() samples. `training` selects batch statistics
    // and dropout; `seed` drives the dropout mask of this call.
    virtual void forward(const float* params, const float* buffers, ConstMatrixMap in,
                         MatrixMap out, bool training, std::uint64_t seed) = 0;
    // Given dOut = dL/dout (overwritten: the layer may use it as scratch), writes this
    // layer's parameter gradient at `grad` (overwriting) and, when dIn is non-null,
    // dL/din (inputSize x n) there. Valid after a training forward with the same in/out.
    virtual void backward(const float* params, ConstMatrixMap in, ConstMatrixMap out,
                          MatrixMap dOut, float* dIn, float* grad) = 0;
    // The batch statistics of the last training forward, in the layout of the buffers
    // (the caller folds them into the running statistics).
    virtual void batchStatistics(float* /*out*/) const {}

private:
    Eigen::Index m_inputSize;
    Eigen::Index m_outputSize;
};

} // namespace tw
