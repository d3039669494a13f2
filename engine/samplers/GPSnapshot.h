#pragma once
#include <Eigen/Core>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tw {

// What a GP suggestion was made from (#16 item 7, "why this trial"), stored with the trial
// as the system attr "gp_snapshot" (toJson). With the study's trials it rebuilds the
// surrogate exactly as it was (SurrogateRebuild), without refitting: the hyperparameters,
// the output transform and the acquisition's settings are the ones the sampler used.
// Inputs are the GP's encoding: one unit coordinate per numeric parameter
// (Distribution::toUnit), a one-hot block per categorical, in the order of `params`.
struct GPSnapshot {
    static constexpr int kVersion = 1;
    static constexpr const char* kAttr = "gp_snapshot";

    struct Pending {       // a running trial that entered the GP as a fantasy
        int number = -1;
        double target = 0.0;  // in the transformed (standardized) output space
    };
    struct Candidate {
        std::vector<double> x;  // encoded input
        double acquisition = 0.0;
        std::string source;     // "refined" (after local search) or "sweep"
    };

    int trial = -1;
    std::vector<std::string> params;   // the modelled parameters, in encoding order
    std::vector<int> fittedOn;         // trial numbers of the GP's inputs, in order
    std::vector<Pending> pending;

    // Kernel (Matérn-5/2 ARD), as GPHyperparameters.
    std::vector<double> logLengthscales;
    double logSignalVariance = 0.0;
    double logNoiseVariance = 0.0;

    // Output transform: y = sign * value, clamped to [clipLow, clipHigh]; then, with
    // powerTransform, t = YeoJohnson((y - preMean) / preSd, lambda), else t = y; the GP's
    // target is (t - mean) / sd.
    double sign = 1.0;
    double clipLow = 0.0;
    double clipHigh = 0.0;
    bool powerTransform = false;
    double lambda = 1.0;
    double preMean = 0.0;
    double preSd = 1.0;
    double mean = 0.0;
    double sd = 1.0;

    // Acquisition: log expected improvement below `best` (transformed space), the variance
    // floored at minVarianceRatio * signal variance.
    std::string acquisition = "log_ei";
    double best = 0.0;
    double minVarianceRatio = 1e-10;
    std::uint64_t seed = 0;
    std::uint64_t trialSeed = 0;
    int candidatesConsidered = 0;  // sweep + perturbations scored by the optimizer
    int localSearches = 0;
    // Trust region in the unit cube, when the sampler used one (empty: the whole cube).
    std::vector<double> boxLow;
    std::vector<double> boxHigh;

    std::vector<double> point;       // the chosen input, encoded
    double pointAcquisition = 0.0;
    std::vector<Candidate> candidates;  // highest acquisition first

    // Sorts the candidates by acquisition, drops the chosen point, keeps the best `keep`.
    void sortCandidates(std::size_t keep);
    std::string toJson() const;

    // Sets mean and sd from the pre-standardization values t and the GP's targets ys.
    void setStandardization(const Eigen::VectorXd& t, const Eigen::VectorXd& ys);
    // The output transform applied to one raw objective value.
    double transformTarget(double value) const;

    static std::vector<double> toVector(const Eigen::VectorXd& v)
    {
        return std::vector<double>(v.data(), v.data() + v.size());
    }
};

} // namespace tw
