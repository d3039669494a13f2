#include "ml/Model.h"

#include "ml/Network.h"

#include <algorithm>
#include <stdexcept>

namespace tw {

Model::Model(ModelArchitecture architecture, std::uint64_t seed) : m_architecture(std::move(architecture))
{
    const Network net(m_architecture, 1);
    m_parameters.resize(net.parameterCount());
    m_buffers.resize(net.bufferCount());
    net.initializeParameters(m_parameters, seed);
    net.initializeBuffers(m_buffers);
}

Model::Model(ModelArchitecture architecture, Eigen::VectorXf parameters, Eigen::VectorXf buffers)
    : m_architecture(std::move(architecture)), m_parameters(std::move(parameters)), m_buffers(std::move(buffers))
{
    const Network net(m_architecture, 1);
    if (m_parameters.size() != net.parameterCount())
        throw std::invalid_argument("Model::Model(): expected " + std::to_string(net.parameterCount())
                                    + " parameters, got " + std::to_string(m_parameters.size()));
    if (m_buffers.size() == 0 && net.bufferCount() > 0) {
        m_buffers.resize(net.bufferCount());
        net.initializeBuffers(m_buffers);
    }
    if (m_buffers.size() != net.bufferCount())
        throw std::invalid_argument("Model::Model(): expected " + std::to_string(net.bufferCount())
                                    + " buffers, got " + std::to_string(m_buffers.size()));
}

std::vector<ParameterBlock> Model::parameterBlocks() const
{
    return Network(m_architecture, 1).parameterBlocks();
}

std::vector<ParameterBlock> Model::bufferBlocks() const
{
    return Network(m_architecture, 1).bufferBlocks();
}

Eigen::Index Model::parameterCount(const ModelArchitecture& architecture)
{
    return Network(architecture, 1).parameterCount();
}

Eigen::Index Model::bufferCount(const ModelArchitecture& architecture)
{
    return Network(architecture, 1).bufferCount();
}

Eigen::MatrixXf Model::logits(const FeatureMatrix& x) const
{
    if (isEmpty())
        throw std::logic_error("Model::logits(): empty model");
    if (x.cols() != m_architecture.inputs)
        throw std::invalid_argument("Model::logits(): expected " + std::to_string(m_architecture.inputs)
                                    + " features, got " + std::to_string(x.cols()));
    const Eigen::Index rows = x.rows();
    const Eigen::Index chunk = std::max<Eigen::Index>(1, std::min<Eigen::Index>(rows, 1024));
    Network net(m_architecture, chunk);
    Eigen::MatrixXf out(rows, m_architecture.outputs);
    for (Eigen::Index start = 0; start < rows; start += chunk) {
        const Eigen::Index n = std::min(chunk, rows - start);
        // A block of rows of a row-major matrix is, in memory, the column-major inputs x n.
        net.input(n) = x.middleRows(start, n).transpose();
        out.middleRows(start, n) = net.forward(m_parameters.data(), m_buffers.data(), n, false).transpose();
    }
    return out;
}

Eigen::MatrixXf Model::predict(const FeatureMatrix& x) const
{
    const Eigen::MatrixXf z = logits(x);
    return outputsToPredictions(m_architecture.output, z.transpose());
}

Eigen::MatrixXf Model::outputsToPredictions(OutputKind kind, const Eigen::Ref<const Eigen::MatrixXf>& logits)
{
    const Eigen::Index n = logits.cols();
    switch (kind) {
    case OutputKind::Identity:
        return logits.transpose();
    case OutputKind::Sigmoid: {
        Eigen::MatrixXf p(n, 2);
        p.col(1) = logits.row(0).transpose().array().logistic().matrix();
        p.col(0) = (1.0f - p.col(1).array()).matrix();
        return p;
    }
    case OutputKind::Softmax: {
        Eigen::MatrixXf p(n, logits.rows());
        for (Eigen::Index j = 0; j < n; ++j) {
            const Eigen::ArrayXf e = (logits.col(j).array() - logits.col(j).maxCoeff()).exp();
            p.row(j) = (e / e.sum()).matrix().transpose();
        }
        return p;
    }
    }
    return logits.transpose();
}

} // namespace tw
