#pragma once
#include "data/Dataset.h"
#include "ml/Loss.h"
#include "ml/Model.h"
#include "ml/Network.h"
#include "train/Evaluation.h"

#include <memory>

namespace tw {

// Runs a model in inference mode over a dataset in chunks and scores it. Keeps its
// network between calls, so the trainer evaluates every epoch without reallocating.
class Evaluator {
public:
    Evaluator(const ModelArchitecture& architecture, const LossConfig& loss, Eigen::Index chunk = 1024);

    // Throws std::invalid_argument when the data does not fit the model (feature count,
    // task, class indices).
    Evaluation evaluate(const float* parameters, const float* buffers, const Dataset& data,
                        bool keepPredictions = true);
    // Empty when the dataset fits the architecture, else why not.
    static std::string compatibilityError(const ModelArchitecture& architecture, const Dataset& data);

private:
    Network m_network;
    std::unique_ptr<Loss> m_loss;
    Eigen::VectorXf m_targets;
};

// Scores `model` on `data` (the loss as configured; Auto fits the output).
Evaluation evaluate(const Model& model, const Dataset& data, const LossConfig& loss = {});

} // namespace tw
