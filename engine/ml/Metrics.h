#pragma once
#include <Eigen/Core>

#include <span>

namespace tw {

// Classification and regression scores, computed in double.
class Metrics {
public:
    // counts(t, p): samples of true class t predicted as p. Labels outside [0, classes) are
    // ignored.
    static Eigen::MatrixXi confusionMatrix(std::span<const int> predicted, std::span<const int> truth,
                                           int classes);
    static double accuracy(const Eigen::MatrixXi& confusion);
    // Unweighted mean of the per-class F1 over the classes that occur in the truth or the
    // predictions (scikit-learn's f1_score(average="macro")); a class with no true positive
    // scores 0.
    static double f1Macro(const Eigen::MatrixXi& confusion);

    struct Regression {
        double rmse = 0.0;
        double mae = 0.0;
        double r2 = 0.0;  // 1 - SS_res / SS_tot; with constant truth: 1 if exact, else 0 (scikit-learn)
    };
    static Regression regression(std::span<const float> predicted, std::span<const float> truth);
};

} // namespace tw
