#pragma once
#include "data/Dataset.h"
#include "data/Preprocessor.h"
#include "ml/Model.h"
#include "modelio/ModelInputColumn.h"
#include "modelio/ModelProvenance.h"

#include <optional>
#include <string>
#include <vector>

namespace tw {

// A trained model with everything needed to use it on new raw data: the network, the
// preprocessing fitted on its training split, what its inputs and outputs mean, and where
// it came from. What a model file (docs/model-format.md) holds.
struct SavedModel {
    Model model;
    Preprocessor preprocessor;
    Task task = Task::Regression;
    std::string targetName;
    std::vector<std::string> featureNames;  // one per model input
    std::vector<std::string> classLabels;   // classification: one per class, in output order
    std::vector<ModelInputColumn> inputs;   // the raw columns the features come from
    std::optional<ImageShape> imageShape;
    ModelProvenance provenance;

    // Empty when the parts agree with each other (feature, class and column counts, the
    // task and the output layer, the preprocessing's size), else the first problem.
    std::string consistencyError() const;

    // Raw features (rows x features, before preprocessing) -> rows x 1 values or rows x
    // classes probabilities. Throws std::invalid_argument for a wrong feature count.
    Eigen::MatrixXf predict(FeatureMatrix x) const;
};

} // namespace tw
