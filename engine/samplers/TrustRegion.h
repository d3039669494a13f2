#pragma once
#include <Eigen/Core>

#include <vector>

namespace tw {

// The trust region of TuRBO (Eriksson, Pearce, Gardner, Turner & Poloczek, "Scalable Global
// Optimization via Local Bayesian Optimization", NeurIPS 2019, section 2): a box around the
// best observation, in the unit cube, whose side L starts at 0.8, doubles (up to 1.6) after
// 3 successes in a row and halves after 4 failures in a row; when L falls below 2^-7 the
// region restarts at 0.8.
//
// Two departures from the paper, measured on the 8 public functions at 50 and 100 trials
// (docs/tuning-core.md, "The GP's trust region"): the box is a cube of edge L, not stretched
// by the GP's length scales (with a few dozen trials of a rugged objective those change by up
// to 10x between consecutive refits, and a stretched box sent local trials across basins
// along a coordinate wrongly judged smooth); and the failure tolerance is 4 whatever the
// dimension (the paper's max(4, d) is made for budgets of thousands: in 6-D it spends 24
// trials shrinking from 0.8 to 0.05).
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
    static constexpr int kFailureTolerance = 4;

    // The side after the given history, in trial-number order. Only the local trials move
    // it: a success is a value below the best before it by more than 1e-3 of its magnitude.
    static double side(const std::vector<Step>& history);

    // The box [lower, upper] (clipped to [0, 1]) of edge `side` around `center`, for the
    // numeric coordinates `dims` of the input.
    static void box(const Eigen::VectorXd& center, const std::vector<int>& dims, double side,
                    Eigen::VectorXd& lower, Eigen::VectorXd& upper);
};

} // namespace tw
