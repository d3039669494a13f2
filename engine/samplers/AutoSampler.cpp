#include "samplers/AutoSampler.h"

#include <limits>

namespace tw {

AutoSampler::AutoSampler(Options options)
    : m_options(options)
{
    TPESamplerOptions t;
    t.seed = m_options.seed;
    t.constantLiar = m_options.constantLiar;
    m_tpe = std::make_unique<TPESampler>(t);
    GPSampler::Options gp;
    gp.seed = m_options.seed;
    gp.deterministicObjective = m_options.deterministicObjective;
    // Every GP trial in the trust region (TuRBO-1): over its first 150 trials auto needs the
    // best regret at 50-100 trials. Against the GP's default (every 2nd trial), seeds 1..10
    // at 50 trials: rastrigin5 22.6 vs 34.6, michalewicz5 0.97 vs 1.91, ackley5 2.94 vs 3.42,
    // rosenbrock4 5.05 vs 18.7, but schwefel4 661 vs 389 (docs/tuning-core.md).
    gp.localEvery = 1;
    m_gp = std::make_unique<GPSampler>(gp);
    CmaEsSampler::Options c;
    c.seed = m_options.seed;
    c.startupTrials = kGpTrials;  // the GP's trials are its start-up; it starts from their best
    m_cmaes = std::make_unique<CmaEsSampler>(c);
}

void AutoSampler::classify(const SearchSpace& space)
{
    std::vector<std::pair<std::string, Distribution>> signature;
    for (const auto& p : space.params())
        signature.emplace_back(p.name + (p.condition ? "?" + p.condition->parent : std::string()), p.distribution);
    std::lock_guard lock(m_mutex);
    if (m_hasClassified && signature == m_classified)
        return;
    m_classified = std::move(signature);
    m_hasClassified = true;
    m_grid = false;
    m_gridSampler.reset();
    int categorical = 0, numeric = 0;
    bool conditional = false;
    bool finite = !space.empty();
    for (const auto& p : space.params()) {
        const Distribution& d = p.distribution;
        conditional = conditional || p.condition.has_value();
        if (d.kind() == Distribution::Kind::Fixed)
            continue;
        if (d.isNumeric()) {
            ++numeric;
            finite = finite && d.cardinality() > 0;
        } else {
            ++categorical;
        }
    }
    m_numericOnly = categorical == 0;
    if (finite && m_options.budget > 0) {
        GridSampler::Options g;
        g.seed = m_options.seed;
        g.shuffle = true;
        if (GridSampler::validate(space, g).empty()) {
            auto grid = std::make_unique<GridSampler>(g);
            if (grid->size(space) <= m_options.budget) {
                m_grid = true;
                m_gridSampler = std::move(grid);
            }
        }
    }
    m_tpeOnly = !m_grid && (conditional || 2 * categorical >= categorical + numeric || numeric > kMaxGpDims);
}

AutoSampler::Method AutoSampler::methodFor(const SearchSpace& space, int number)
{
    classify(space);
    if (m_grid)
        return Method::Grid;
    if (m_tpeOnly)
        return Method::Tpe;
    if (number < kGpTrials)
        return Method::Gp;
    return m_numericOnly ? Method::Cmaes : Method::Tpe;
}

const char* AutoSampler::name(Method m)
{
    switch (m) {
    case Method::Grid:
        return "grid";
    case Method::Tpe:
        return "tpe";
    case Method::Gp:
        return "gp";
    case Method::Cmaes:
        return "cmaes";
    }
    return "";
}

Sampler& AutoSampler::samplerFor(const StudyView& study, const FrozenTrial& trial)
{
    switch (methodFor(study.searchSpace(), trial.number)) {
    case Method::Grid:
        return *m_gridSampler;
    case Method::Tpe:
        return *m_tpe;
    case Method::Gp:
        return *m_gp;
    case Method::Cmaes:
        return *m_cmaes;
    }
    return *m_tpe;
}

SearchSpace AutoSampler::relativeSearchSpace(const StudyView& study, const FrozenTrial& trial)
{
    return samplerFor(study, trial).relativeSearchSpace(study, trial);
}

ParamValues AutoSampler::sampleRelative(const StudyView& study, const FrozenTrial& trial, const SearchSpace& space)
{
    return samplerFor(study, trial).sampleRelative(study, trial, space);
}

double AutoSampler::sampleIndependent(const StudyView& study, const FrozenTrial& trial, std::string_view name,
                                      const Distribution& dist)
{
    return samplerFor(study, trial).sampleIndependent(study, trial, name, dist);
}

void AutoSampler::afterTrial(const StudyView& study, const FrozenTrial& trial)
{
    samplerFor(study, trial).afterTrial(study, trial);
}

std::string AutoSampler::samplingMethod(const StudyView& study, const FrozenTrial& trial)
{
    return samplerFor(study, trial).samplingMethod(study, trial);
}

std::string AutoSampler::suggestionSnapshot(const StudyView& study, const FrozenTrial& trial)
{
    return samplerFor(study, trial).suggestionSnapshot(study, trial);
}

bool AutoSampler::exhausted(const StudyView& study)
{
    classify(study.searchSpace());
    return m_grid && m_gridSampler->exhausted(study);
}

long long AutoSampler::pointCount(const StudyView& study)
{
    classify(study.searchSpace());
    return m_grid ? m_gridSampler->pointCount(study) : std::numeric_limits<long long>::max();
}

bool AutoSampler::hasPointFor(const StudyView& study, const FrozenTrial& trial)
{
    classify(study.searchSpace());
    return !m_grid || m_gridSampler->hasPointFor(study, trial);
}

} // namespace tw
