#pragma once
#include "samplers/ParzenEstimator.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tw {

// What a TPE suggestion was made from (#16 item 7, "why this trial"), stored with the trial
// as the system attr "tpe_snapshot" (toJson). With the study's trials it rebuilds each
// parameter's l(x) and g(x) exactly as the sampler fitted them (ParzenRebuild): the split
// into the good (below) and the other (above) trials, the estimator settings, and which
// candidates were drawn and how they scored. The mixtures themselves are not stored: with
// 1,000 trials g(x) has about 1,000 kernels per parameter, while the split of a sequential
// study is its 25 good trial numbers and a few ranges (docs/architecture.md, "Why this trial").
//
// A suggestion is one or more groups, each one draw of candidates from l(x) scored on
// log l(x) - log g(x): the joint (multivariate) draw over the relative search space, and
// one univariate draw per other parameter. Values are internal (Distribution), a
// categorical's choice index included.
struct TPESnapshot {
    static constexpr int kVersion = 1;
    static constexpr const char* kAttr = "tpe_snapshot";

    // The ranked split, as trial numbers. Univariate groups share one (a parameter's
    // estimators then use the trials of each side in which it has a usable value); the
    // multivariate group has its own over the trials holding every one of its parameters.
    struct Split {
        int counted = 0;                           // n in gamma(n): scored, not running
        std::vector<int> below;                    // l(x)'s trials, ascending
        std::vector<std::pair<int, int>> above;    // g(x)'s trials: ranges [first, last] of numbers
        std::vector<int> running;                  // of those, the running ones (constant liar)
    };
    struct Candidate {
        std::vector<double> x;  // internal values, in the group's parameter order
        double score = 0.0;     // log l(x) - log g(x)
    };
    struct Group {
        bool multivariate = false;
        int split = 0;                    // index into splits
        std::vector<std::string> params;
        std::string bandwidth;            // "neighbor_gap" (univariate) or "scott" (joint)
        // g(x)'s observations were handed to the fit in ascending order of value (ties by
        // trial number), each weight following its observation; else chronologically.
        bool aboveSorted = false;
        // Running trials of the split without a usable value for the parameter then (they
        // may have one now): left out, as the sampler did.
        std::vector<int> missing;
        int candidatesDrawn = 0;
        std::vector<double> point;        // the winning candidate
        double logL = 0.0;
        double logG = 0.0;
        double score = 0.0;               // logL - logG
        std::vector<Candidate> candidates;  // the others, best first
    };

    int trial = -1;
    std::uint64_t seed = 0;
    int attempt = 0;  // the duplicate guard's resample attempt (a new stream each)
    // Estimator settings (ParzenEstimatorOptions) and the split's size gamma(n) =
    // min(ceil(gammaFraction * n), gammaCap, n); recency weights as TPESampler::recencyWeights.
    double gammaFraction = 0.1;
    int gammaCap = 25;
    bool recencyWeights = true;
    double priorWeight = 1.0;
    bool magicClip = true;
    double magicClipExponent = 1.0;
    double minBandwidth = 0.01;
    bool considerEndpoints = false;
    std::string kernelWeighting = "width_proportional";  // or "plain"
    std::vector<Split> splits;
    std::vector<Group> groups;

    // The estimator settings from the sampler's, and back for one draw (its bandwidth rule).
    void setEstimator(const ParzenEstimatorOptions& o);
    ParzenEstimatorOptions estimator(const Group& g) const;

    // The kept candidates of a draw: the others than the winner, distinct, best first.
    static constexpr std::size_t kKeptCandidates = 20;
    static void sortCandidates(Group& g);
    std::string toJson() const;
    // The group that drew `param`, or -1.
    int groupOf(const std::string& param) const;

    // The trial numbers of ranges [first, last].
    static std::vector<int> fromRanges(const std::vector<std::pair<int, int>>& ranges);
};

} // namespace tw
