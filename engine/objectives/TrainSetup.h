#pragma once
#include "data/Dataset.h"
#include "ml/ModelArchitecture.h"
#include "spec/ModelSpec.h"
#include "spec/TrainingSpec.h"
#include "train/TrainerConfig.h"

#include <vector>

namespace tw {

// Turns the typed parts of a train objective into the training engine's values. Where a
// choice does not fit the data, throws std::invalid_argument naming the JSON path
// ("objective.model.type: \"linear\" needs a regression dataset; builtin:iris has 3 classes").
class TrainSetup {
public:
    // The network for `train`'s features and task: linear (regression), logistic (two
    // classes, one sigmoid logit), softmax (classification), or an MLP whose output fits
    // the task (a sigmoid logit for two classes when the loss is binary cross-entropy).
    static ModelArchitecture architecture(const ModelSpec& model, const TrainingSpec& training,
                                          const Dataset& train, const std::string& dataName = {});
    // A conv block of the spec as the network builds it.
    static ConvBlock convBlock(const ConvBlockSpec& block);
    // weight_decay is AdamW's decoupled decay with adamw, else the L2 penalty on weights.
    // Early stopping monitors its metric (the parser's default: the study's val_ metric).
    static TrainerConfig trainerConfig(const TrainingSpec& training);
};

} // namespace tw
