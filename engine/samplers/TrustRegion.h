#pragma once
#include <Eigen/Core>

#include <vector>

namespace tw {

// The trust region of TuRBO (Eriksson, Pearce, Gardner, Turner & Poloczek, "Scalable Global
// Optimization via Local Bayesian Optimization", NeurIPS 2019, section 2): a box around the
// best observation, in the unit cube, whose side L starts at 0.8, doubles (up to 1.6) after
// 3 successes in a row and halves after max(4, d) failures in a row; when L falls below
// 2^-7 the region restarts at 0.8. The box's edge along coordinate i is
// L * l_i / (prod_j l_j)^(1/d), the GP's length scales l normalized to a volume of L^d, so
// the box is long where the objective varies slowly.
//
// It holds no state between calls: the side is replayed from the history (the study's
// complete trials in trial-number order), so parallel workers and resumed studies agree.
class TrustRegion {
public:
    struct Step {
        double value;  // minimized
        bool local;    // the trial was suggested inside the trust region
    };
    static constexpr double kInitialSide = 0.8;
    static constexpr double kMaxSide = 1.6;
    static constexpr double kMinSide = 1.0 / 128.0;
    static constexpr int kSuccessTolerance = 3;

    // The side after the given history, in trial-number order. Only the local trials move
    // it: a success is a value below the best before it by more than 1e-3 of its magnitude.
    static double side(const std::vector<Step>& history, int dimensions);

    // The box [lower, upper] (clipped to [0, 1]) around `center`, for the numeric
    // coordinates `dims` of the input, scaled by the length scales of those coordinates.
    static void box(const Eigen::VectorXd& center, const std::vector<int>& dims,
                    const Eigen::VectorXd& logLengthscales, double side, Eigen::VectorXd& lower,
                    Eigen::VectorXd& upper);
};

} // namespace tw
