#pragma once
#include <Eigen/Core>

#include <map>
#include <string>

namespace tw {

// A model's scores on a dataset, with what a confusion matrix, a test report and the
// predict command need.
struct Evaluation {
    // "loss" and, for a classifier, "accuracy" and "f1_macro"; for a regressor "rmse",
    // "mae" and "r2". The trainer prefixes them with "train_" / "val_"; a test report with
    // "test_".
    std::map<std::string, double> metrics;
    Eigen::VectorXf predictions;    // per row: the predicted class index, or the value
    Eigen::MatrixXf probabilities;  // rows x classes (2 columns for a sigmoid output); empty for regression
    Eigen::MatrixXi confusion;      // classes x classes, (true, predicted); empty for regression
};

} // namespace tw
