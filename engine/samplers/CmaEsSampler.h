#pragma once
#include "samplers/Sampler.h"
#include "samplers/SobolSampler.h"

#include <Eigen/Dense>

#include <cstdint>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace tw {

// CMA-ES (Hansen 2016, "The CMA Evolution Strategy: A Tutorial", the (mu/mu_w, lambda)
// algorithm with its default constants and positive recombination weights) over the
// numeric, unconditional parameters, each mapped to [0, 1] by Distribution::toUnit (log
// parameters in log space, ints widened by half a step).
//  - Stateless given the storage: the state (mean, step size, covariance, paths, restarts)
//    is replayed from the stored trials on every call. Trials after the start-up ones are
//    cut into generations of popsize trials by number; a generation updates the state once
//    every one of its trials has finished (complete ones are ranked; pruned and failed ones
//    are left out), and a trial whose generation's predecessor is still running is sampled
//    from the last state that can be computed. Each generation's result is cached with a
//    fingerprint of its trials (numbers and values), so the replay costs O(trials) unless a
//    trial changed. A resumed study in a new process therefore suggests what the old one
//    would have.
//  - The update uses the stored points, not the draws: a point that was rounded, clipped
//    or sampled from an older state (parallel workers) enters as an injected solution,
//    its step clipped in Mahalanobis norm to sqrt(d) + 2d/(d+2) (Hansen 2011, "Injecting
//    external solutions into CMA-ES").
//  - Draws: z ~ N(0, I) from the trial's stream (samplers/TrialStream.h); a point outside
//    the unit cube is redrawn (up to 100 times), then clipped.
//  - Integers and stepped floats are rounded by the distribution; their marginal standard
//    deviation is kept at least half a step over the (1 - alpha/2) normal quantile with
//    alpha = 1 / (d lambda), so a value other than the mean's keeps a probability of at
//    least about alpha (the margin of Hamano et al. 2022, in its variance form).
//  - Restarts (Hansen 2009): none; IPOP (Auger & Hansen 2005: popsize doubles at each
//    restart, default); BIPOP (large and small popsize regimes, the one with less budget
//    spent runs next). A run ends when its step size falls below 1e-5 of the cube, the
//    covariance's condition number exceeds 1e14, or its best value stalls for
//    10 + ceil(30 d / lambda) generations; a restart starts from a uniform random mean.
//  - Start: the first startupTrials trials take Sobol points (SobolSampler); the first
//    mean is the best of them (the centre of the cube when there are none).
// Categorical parameters, fixed ones and conditional ones are sampled independently,
// uniformly, seeded by (seed, trial number, name).
// Thread-safe: calls are serialized by a mutex.
class CmaEsSampler : public Sampler {
public:
    enum class Restarts { None, Ipop, Bipop };
    struct Options {
        std::uint64_t seed = 0;
        double sigma0 = 1.0 / 6.0;   // initial step size in the unit cube
        int popsize = 0;             // 0: 4 + floor(3 ln d)
        Restarts restarts = Restarts::Ipop;
        int startupTrials = 0;
    };

    CmaEsSampler();
    explicit CmaEsSampler(Options options);

    SearchSpace relativeSearchSpace(const StudyView& study, const FrozenTrial& trial) override;
    ParamValues sampleRelative(const StudyView& study, const FrozenTrial& trial,
                               const SearchSpace& space) override;
    double sampleIndependent(const StudyView& study, const FrozenTrial& trial,
                             std::string_view name, const Distribution& dist) override;
    std::string samplingMethod(const StudyView& study, const FrozenTrial& trial) override;

    const Options& options() const { return m_options; }
    int defaultPopsize(int dims) const;

    // The state the next trial is sampled from (for tests and the docs).
    struct State {
        Eigen::VectorXd mean;
        double sigma = 0;
        Eigen::MatrixXd C, B;
        Eigen::VectorXd D;      // sqrt of the eigenvalues of C
        Eigen::VectorXd margin; // per coordinate, >= 1 (the A of Hamano et al.)
        Eigen::VectorXd pc, ps;
        int popsize = 0;
        int generation = 0;     // within the run
        int run = 0;            // restarts so far
        int runStart = 0;       // first trial number of the run
        double runBest = 0;
        int runBestGeneration = 0;
        bool hasBest = false;
        // BIPOP bookkeeping
        long long largeBudget = 0, smallBudget = 0;
        int largeRuns = 0;
        int lastLargePopsize = 0;
    };
    State stateFor(const StudyView& study, int trialNumber, const SearchSpace& space);

private:
    struct Dim {
        std::string name;
        Distribution dist;
        double halfStep = 0;  // half a value's slice in unit space; 0 for a continuous one
    };
    std::vector<Dim> dims(const SearchSpace& space) const;
    State initialState(const std::vector<Dim>& d, const StudyView& study, int start, int run,
                       double sigma, int popsize, const Eigen::VectorXd& mean) const;
    void update(State& s, const std::vector<Dim>& d, std::vector<std::pair<double, Eigen::VectorXd>> ranked) const;
    void decompose(State& s, const std::vector<Dim>& d) const;
    bool finished(const State& s, const std::vector<double>& generationValues) const;
    State restart(const State& old, const std::vector<Dim>& d, const StudyView& study, int start) const;

    Options m_options;
    SobolSampler m_sobol;
    std::mutex m_mutex;
    // The cache of replayed generations: the space, then per generation its fingerprint
    // and the state after it.
    std::vector<std::pair<std::string, Distribution>> m_cachedSpace;
    std::vector<std::pair<std::uint64_t, State>> m_cache;
};

} // namespace tw
