#include "train/Evaluator.h"

#include "ml/Metrics.h"

#include <cmath>
#include <stdexcept>
#include <vector>

namespace tw {

Evaluator::Evaluator(const ModelArchitecture& architecture, const LossConfig& loss, Eigen::Index chunk)
    : m_network(architecture, chunk), m_loss(Loss::create(loss, architecture.output)), m_targets(chunk)
{
}

std::string Evaluator::compatibilityError(const ModelArchitecture& a, const Dataset& data)
{
    if (data.features() != a.inputs)
        return "the model expects " + std::to_string(a.inputs) + " features, the data has "
             + std::to_string(data.features());
    if (data.y.size() != data.rows())
        return "the data has " + std::to_string(data.rows()) + " rows but " + std::to_string(data.y.size())
             + " targets";
    if (a.task() != data.task)
        return a.task() == Task::Regression ? "a regression model cannot fit a classification dataset"
                                            : "a classifier cannot fit a regression dataset";
    if (a.task() == Task::Classification) {
        const int classes = a.classCount();
        for (Eigen::Index i = 0; i < data.y.size(); ++i) {
            const float c = data.y(i);
            if (!(c >= 0.0f && c < static_cast<float>(classes)) || c != std::floor(c))
                return "row " + std::to_string(i) + ": class index " + std::to_string(c) + " is not in 0.."
                     + std::to_string(classes - 1);
        }
    }
    return {};
}

Evaluation Evaluator::evaluate(const float* parameters, const float* buffers, const Dataset& data,
                               bool keepPredictions)
{
    const ModelArchitecture& a = m_network.architecture();
    if (const std::string err = compatibilityError(a, data); !err.empty())
        throw std::invalid_argument("Evaluator::evaluate(): " + err);
    const Eigen::Index rows = data.rows();
    const Eigen::Index chunk = m_network.maxBatch();
    const bool classifier = a.task() == Task::Classification;
    const int classes = a.classCount();

    Evaluation result;
    std::vector<int> predictedClass;
    std::vector<int> trueClass;
    std::vector<float> predictedValue;
    if (classifier) {
        predictedClass.resize(static_cast<size_t>(rows));
        trueClass.resize(static_cast<size_t>(rows));
    } else {
        predictedValue.resize(static_cast<size_t>(rows));
    }
    if (keepPredictions && classifier)
        result.probabilities.resize(rows, classes);

    double lossSum = 0.0;
    for (Eigen::Index start = 0; start < rows; start += chunk) {
        const Eigen::Index n = std::min(chunk, rows - start);
        m_network.input(n) = data.x.middleRows(start, n).transpose();
        m_targets.head(n) = data.y.segment(start, n);
        const ConstMatrixMap z = m_network.forward(parameters, buffers, n, false);
        lossSum += m_loss->evaluate(z, LossTargets{m_targets.data(), nullptr}, nullptr, 1.0f);
        for (Eigen::Index j = 0; j < n; ++j) {
            const auto row = static_cast<size_t>(start + j);
            if (!classifier) {
                predictedValue[row] = z(0, j);
                continue;
            }
            int best = 0;
            if (a.output == OutputKind::Sigmoid)
                best = z(0, j) >= 0.0f ? 1 : 0;
            else
                z.col(j).maxCoeff(&best);
            predictedClass[row] = best;
            trueClass[row] = static_cast<int>(data.y(start + j));
        }
        if (keepPredictions && classifier)
            result.probabilities.middleRows(start, n) = Model::outputsToPredictions(a.output, z);
    }

    result.metrics["loss"] = rows > 0 ? lossSum / static_cast<double>(rows) : 0.0;
    if (classifier) {
        result.confusion = Metrics::confusionMatrix(predictedClass, trueClass, classes);
        result.metrics["accuracy"] = Metrics::accuracy(result.confusion);
        result.metrics["f1_macro"] = Metrics::f1Macro(result.confusion);
        if (keepPredictions) {
            result.predictions.resize(rows);
            for (Eigen::Index i = 0; i < rows; ++i)
                result.predictions(i) = static_cast<float>(predictedClass[static_cast<size_t>(i)]);
        }
    } else {
        const std::span<const float> truth(data.y.data(), static_cast<size_t>(rows));
        const Metrics::Regression r = Metrics::regression(predictedValue, truth);
        result.metrics["rmse"] = r.rmse;
        result.metrics["mae"] = r.mae;
        result.metrics["r2"] = r.r2;
        if (keepPredictions)
            result.predictions = Eigen::Map<const Eigen::VectorXf>(predictedValue.data(), rows);
    }
    return result;
}

Evaluation evaluate(const Model& model, const Dataset& data, const LossConfig& loss)
{
    if (model.isEmpty())
        throw std::invalid_argument("evaluate(): empty model");
    const Eigen::Index chunk = std::max<Eigen::Index>(1, std::min<Eigen::Index>(data.rows(), 1024));
    Evaluator evaluator(model.architecture(), loss, chunk);
    return evaluator.evaluate(model.parameters().data(), model.buffers().data(), data, true);
}

} // namespace tw
