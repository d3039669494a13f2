#include "ml/Network.h"

#include "ml/AvgPool2DLayer.h"
#include "ml/BatchNorm2DLayer.h"
#include "ml/BatchNormLayer.h"
#include "ml/Conv2DLayer.h"
#include "ml/DenseLayer.h"
#include "ml/DropoutLayer.h"
#include "ml/FlattenLayer.h"
#include "ml/GlobalAvgPoolLayer.h"
#include "ml/MaxPool2DLayer.h"

#include <stdexcept>
#include <string>

namespace tw {

Network::Network(const ModelArchitecture& architecture, Eigen::Index maxBatch)
    : m_architecture(architecture), m_maxBatch(maxBatch)
{
    if (const std::string err = architecture.validationError(); !err.empty())
        throw std::invalid_argument("Network::Network(): " + err);
    if (maxBatch < 1)
        throw std::invalid_argument("Network::Network(): maxBatch must be >= 1");

    const auto& a = architecture;
    const WeightInit hiddenInit = a.hiddenInit();
    Eigen::Index width = a.inputs;
    if (a.inputShape) {
        ImageShape shape = *a.inputShape;
        for (const ConvBlock& b : a.conv) {
            auto conv = std::make_unique<Conv2DLayer>(shape, b.filters, b.kernel, b.stride, b.padding,
                                                      a.batchNorm ? Activation::Identity : a.activation,
                                                      a.leakySlope, hiddenInit);
            shape = conv->outputShape();
            m_layers.push_back(std::move(conv));
            if (a.batchNorm)
                m_layers.push_back(std::make_unique<BatchNorm2DLayer>(shape, a.activation, a.leakySlope));
            if (b.pool > 1) {
                if (a.poolType == PoolType::Max)
                    m_layers.push_back(std::make_unique<MaxPool2DLayer>(shape, b.pool));
                else
                    m_layers.push_back(std::make_unique<AvgPool2DLayer>(shape, b.pool));
                shape = pooledShape(shape, b.pool);
            }
        }
        if (a.globalPool)
            m_layers.push_back(std::make_unique<GlobalAvgPoolLayer>(shape));
        else
            m_layers.push_back(std::make_unique<FlattenLayer>(shape.size()));
        width = m_layers.back()->outputSize();
    }
    for (int h : a.hidden) {
        if (a.batchNorm) {
            m_layers.push_back(std::make_unique<DenseLayer>(width, h, Activation::Identity, a.leakySlope, hiddenInit));
            m_layers.push_back(std::make_unique<BatchNormLayer>(h, a.activation, a.leakySlope));
        } else {
            m_layers.push_back(std::make_unique<DenseLayer>(width, h, a.activation, a.leakySlope, hiddenInit));
        }
        if (a.dropout > 0.0f)
            m_layers.push_back(std::make_unique<DropoutLayer>(h, a.dropout));
        width = h;
    }
    const WeightInit outputInit = a.init == WeightInit::Auto ? WeightInit::Xavier : a.init;
    m_layers.push_back(std::make_unique<DenseLayer>(width, a.outputs, Activation::Identity, a.leakySlope, outputInit));

    m_input.resize(a.inputs, maxBatch);
    for (auto& layer : m_layers) {
        m_parameterOffsets.push_back(m_parameterCount);
        m_bufferOffsets.push_back(m_bufferCount);
        m_parameterCount += layer->parameterCount();
        m_bufferCount += layer->bufferCount();
        layer->reserve(maxBatch);
        m_outputs.emplace_back(layer->outputSize(), maxBatch);
        m_gradients.emplace_back(layer->outputSize(), maxBatch);
    }
}

std::vector<ParameterBlock> Network::parameterBlocks() const
{
    std::vector<ParameterBlock> blocks;
    for (size_t i = 0; i < m_layers.size(); ++i) {
        for (ParameterBlock b : m_layers[i]->parameterBlocks()) {
            b.name = "layers." + std::to_string(i) + "." + b.name;
            b.offset += m_parameterOffsets[i];
            blocks.push_back(std::move(b));
        }
    }
    return blocks;
}

std::vector<ParameterBlock> Network::bufferBlocks() const
{
    std::vector<ParameterBlock> blocks;
    for (size_t i = 0; i < m_layers.size(); ++i) {
        for (ParameterBlock b : m_layers[i]->bufferBlocks()) {
            b.name = "layers." + std::to_string(i) + "." + b.name;
            b.offset += m_bufferOffsets[i];
            blocks.push_back(std::move(b));
        }
    }
    return blocks;
}

void Network::initializeParameters(Eigen::Ref<Eigen::VectorXf> parameters, std::uint64_t seed) const
{
    if (parameters.size() != m_parameterCount)
        throw std::invalid_argument("Network::initializeParameters(): wrong parameter count");
    for (size_t i = 0; i < m_layers.size(); ++i) {
        // One stream per layer: adding a layer does not reshuffle the others' weights.
        Random rng(Random::derive(seed, i));
        m_layers[i]->initializeParameters(parameters.data() + m_parameterOffsets[i], rng);
    }
}

void Network::initializeBuffers(Eigen::Ref<Eigen::VectorXf> buffers) const
{
    if (buffers.size() != m_bufferCount)
        throw std::invalid_argument("Network::initializeBuffers(): wrong buffer count");
    for (size_t i = 0; i < m_layers.size(); ++i)
        m_layers[i]->initializeBuffers(buffers.data() + m_bufferOffsets[i]);
}

MatrixMap Network::input(Eigen::Index n)
{
    if (n < 0 || n > m_maxBatch)
        throw std::out_of_range("Network::input(): batch larger than maxBatch");
    return MatrixMap(m_input.data(), m_input.rows(), n);
}

ConstMatrixMap Network::forward(const float* parameters, const float* buffers, Eigen::Index n,
                                bool training, std::uint64_t seed)
{
    if (n < 0 || n > m_maxBatch)
        throw std::out_of_range("Network::forward(): batch larger than maxBatch");
    m_batch = n;
    const float* in = m_input.data();
    Eigen::Index inRows = m_input.rows();
    for (size_t i = 0; i < m_layers.size(); ++i) {
        Layer& layer = *m_layers[i];
        MatrixMap out(m_outputs[i].data(), layer.outputSize(), n);
        layer.forward(parameters + m_parameterOffsets[i], buffers ? buffers + m_bufferOffsets[i] : nullptr,
                      ConstMatrixMap(in, inRows, n), out, training, Random::derive(seed, i));
        in = out.data();
        inRows = layer.outputSize();
    }
    return ConstMatrixMap(m_outputs.back().data(), m_outputs.back().rows(), n);
}

MatrixMap Network::outputGradient()
{
    return MatrixMap(m_gradients.back().data(), m_gradients.back().rows(), m_batch);
}

void Network::backward(const float* parameters, float* gradient)
{
    const Eigen::Index n = m_batch;
    for (size_t k = m_layers.size(); k-- > 0;) {
        Layer& layer = *m_layers[k];
        const float* in = k == 0 ? m_input.data() : m_outputs[k - 1].data();
        // The first layer's input is data: its gradient is never needed.
        float* dIn = k == 0 ? nullptr : m_gradients[k - 1].data();
        layer.backward(parameters + m_parameterOffsets[k], ConstMatrixMap(in, layer.inputSize(), n),
                       ConstMatrixMap(m_outputs[k].data(), layer.outputSize(), n),
                       MatrixMap(m_gradients[k].data(), layer.outputSize(), n), dIn,
                       gradient + m_parameterOffsets[k]);
    }
}

void Network::batchStatistics(float* out) const
{
    for (size_t i = 0; i < m_layers.size(); ++i)
        if (m_layers[i]->bufferCount() > 0)
            m_layers[i]->batchStatistics(out + m_bufferOffsets[i]);
}

} // namespace tw
