#pragma once
#include "samplers/CmaEsSampler.h"
#include "samplers/FiniteSampler.h"
#include "samplers/GPSampler.h"
#include "samplers/GridSampler.h"
#include "samplers/Sampler.h"
#include "samplers/TPESampler.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>
#include <string>

namespace tw {

// The default sampler of new studies (`"type": "auto"`): it picks a method for each trial
// from the search space, the budget and the trial's number alone, so every worker of a
// study makes the same choice for the same trial and a resumed study continues as before.
// The rules (measurements behind them in docs/tuning-core.md):
//  1. grid, when every parameter has finitely many values and the grid fits in the budget;
//  2. TPE, when the space has conditional parameters, when at least half of its parameters
//     are categorical, or when it has more than kMaxGpDims numeric parameters;
//  3. otherwise the GP (with its Sobol start-up) for trials numbered below kGpTrials, then
//     CMA-ES, started from the best trial so far, when every parameter is numeric, or TPE
//     when some are categorical.
// The method used is written on every trial as its "sampler_method" system attr.
class AutoSampler : public Sampler, public FiniteSampler {
public:
    static constexpr int kGpTrials = 150;
    static constexpr int kMaxGpDims = 16;

    struct Options {
        std::uint64_t seed = 0;
        int budget = 0;  // the study's trial budget; 0 = unknown (no grid)
        // Passed on to the GP and TPE (their seeds are set from `seed`).
        bool deterministicObjective = false;
        bool constantLiar = false;
    };
    enum class Method { Grid, Tpe, Gp, Cmaes };

    explicit AutoSampler(Options options);

    // The method for trial `number` of a study over `space` (Gp includes its Sobol start-up,
    // Tpe its random one).
    Method methodFor(const SearchSpace& space, int number);
    static const char* name(Method m);

    SearchSpace relativeSearchSpace(const StudyView& study, const FrozenTrial& trial) override;
    ParamValues sampleRelative(const StudyView& study, const FrozenTrial& trial,
                               const SearchSpace& space) override;
    double sampleIndependent(const StudyView& study, const FrozenTrial& trial,
                             std::string_view name, const Distribution& dist) override;
    void afterTrial(const StudyView& study, const FrozenTrial& trial) override;
    std::string samplingMethod(const StudyView& study, const FrozenTrial& trial) override;
    std::string suggestionSnapshot(const StudyView& study, const FrozenTrial& trial) override;

    bool exhausted(const StudyView& study) override;
    // The grid's size when auto runs a grid; otherwise no limit.
    long long pointCount(const StudyView& study) override;
    bool hasPointFor(const StudyView& study, const FrozenTrial& trial) override;

private:
    Sampler& samplerFor(const StudyView& study, const FrozenTrial& trial);
    void classify(const SearchSpace& space);

    Options m_options;
    std::mutex m_mutex;
    std::vector<std::pair<std::string, Distribution>> m_classified;  // the space classified
    bool m_hasClassified = false;
    bool m_grid = false;      // rule 1 holds
    bool m_tpeOnly = false;   // rule 2 holds
    bool m_numericOnly = true;
    std::unique_ptr<GridSampler> m_gridSampler;
    std::unique_ptr<TPESampler> m_tpe;
    std::unique_ptr<GPSampler> m_gp;
    std::unique_ptr<CmaEsSampler> m_cmaes;
};

} // namespace tw
