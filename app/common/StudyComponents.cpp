#include "StudyComponents.h"

#include "functions/TestFunctions.h"
#include "pruners/HyperbandPruner.h"
#include "pruners/MedianPruner.h"
#include "pruners/PercentilePruner.h"
#include "pruners/SuccessiveHalvingPruner.h"
#include "samplers/AutoSampler.h"
#include "samplers/CmaEsSampler.h"
#include "samplers/GPSampler.h"
#include "samplers/GridSampler.h"
#include "samplers/RandomSampler.h"
#include "samplers/SobolSampler.h"
#include "samplers/TPESampler.h"
#include "spec/SpecSearchSpace.h"

#include <stdexcept>

namespace tw {

SearchSpace StudyComponents::searchSpace(const StudySpec& spec)
{
    SearchSpace space = SpecSearchSpace::buildOrThrow(spec.searchSpace);
    if (spec.objective.type != ObjectiveSpec::Type::Function)
        return space;
    // A test function searches its standard domain unless the spec narrows a coordinate.
    const auto fn = TestFunctions::byName(spec.objective.function.name.toStdString(),
                                          spec.objective.function.dim);
    const SearchSpace domain = fn->searchSpace();
    SearchSpace full;
    for (const ParamSpec& p : domain.params()) {
        const ParamSpec* narrowed = space.find(p.name);
        full.add(narrowed ? *narrowed : p);
    }
    for (const ParamSpec& p : space.params())
        if (!full.find(p.name))
            throw std::invalid_argument("search_space[\"" + p.name + "\"]: " + fn->name() +
                                        " has no parameter of that name; its parameters are x0 ... x" +
                                        std::to_string(fn->dim() - 1));
    if (auto err = full.validate(); !err.empty())
        throw std::invalid_argument("search_space: " + err);
    return full;
}

std::shared_ptr<Sampler> StudyComponents::sampler(const StudySpec& spec, const SearchSpace& space)
{
    const SamplerSpec& s = spec.sampler;
    switch (s.type) {
    case SamplerSpec::Type::Random:
        return std::make_shared<RandomSampler>(s.seed);
    case SamplerSpec::Type::Grid: {
        GridSampler::Options options;
        options.seed = s.seed;
        options.defaultResolution = s.resolution;
        for (const auto& [name, resolution] : SpecSearchSpace::gridResolutions(spec.searchSpace, s))
            options.axes[name].resolution = resolution;
        if (auto err = GridSampler::validate(space, options); !err.empty())
            throw std::invalid_argument("sampler: " + err);
        return std::make_shared<GridSampler>(options);
    }
    case SamplerSpec::Type::Sobol:
        return std::make_shared<SobolSampler>(s.seed, s.scramble);
    case SamplerSpec::Type::Gp: {
        GPSampler::Options options;
        options.seed = s.seed;
        options.startupTrials = s.nStartup;
        options.localEvery = s.localEvery;
        // Without an explicit refit_every the sampler refits on its own schedule
        // (every trial early on, every n/20 trials later), which was tuned on benchmarks.
        if (spec.json.value("sampler").toObject().contains("refit_every"))
            options.refitInterval = s.refitEvery;
        // A function objective returns the same value for the same point.
        options.deterministicObjective = spec.objective.type == ObjectiveSpec::Type::Function;
        return std::make_shared<GPSampler>(options);
    }
    case SamplerSpec::Type::Tpe: {
        TPESamplerOptions options;
        options.seed = s.seed;
        options.nStartupTrials = s.nStartup;
        options.multivariate = s.multivariate;
        // 24 is the parser's default; an explicit value overrides the sampler's automatic
        // choice (8 univariate, 24 multivariate), which measured better on benchmarks.
        if (spec.json.value("sampler").toObject().contains("n_ei_candidates"))
            options.nEiCandidates = s.nEiCandidates;
        // Parallel trials see the running ones as bad guesses, so they spread out.
        options.constantLiar = spec.budget.parallel > 1;
        return std::make_shared<TPESampler>(options);
    }
    case SamplerSpec::Type::Cmaes: {
        CmaEsSampler::Options options;
        options.seed = s.seed;
        options.sigma0 = s.sigma0;
        options.popsize = s.popsize;
        options.startupTrials = s.nStartup;
        options.restarts = s.restarts == SamplerSpec::Restarts::None   ? CmaEsSampler::Restarts::None
                           : s.restarts == SamplerSpec::Restarts::Bipop ? CmaEsSampler::Restarts::Bipop
                                                                        : CmaEsSampler::Restarts::Ipop;
        return std::make_shared<CmaEsSampler>(options);
    }
    case SamplerSpec::Type::Auto: {
        AutoSampler::Options options;
        options.seed = s.seed;
        options.budget = spec.budget.trials;
        options.deterministicObjective = spec.objective.type == ObjectiveSpec::Type::Function;
        options.constantLiar = spec.budget.parallel > 1;
        return std::make_shared<AutoSampler>(options);
    }
    }
    throw std::invalid_argument("sampler.type: this build has no such sampler");
}

std::shared_ptr<const Pruner> StudyComponents::pruner(const StudySpec& spec)
{
    const PrunerSpec& p = spec.pruner;
    switch (p.type) {
    case PrunerSpec::Type::None:
        return nullptr;
    case PrunerSpec::Type::Median:
        return std::make_shared<MedianPruner>(p.nStartupTrials, p.nWarmupSteps);
    case PrunerSpec::Type::Percentile:
        return std::make_shared<PercentilePruner>(p.percentile, p.nStartupTrials, p.nWarmupSteps);
    case PrunerSpec::Type::Asha:
        return std::make_shared<SuccessiveHalvingPruner>(p.minResource, p.reductionFactor);
    case PrunerSpec::Type::Hyperband: {
        long long maxResource = p.maxResource;
        if (maxResource <= 0 && spec.objective.isTrain())
            maxResource = static_cast<long long>(spec.objective.training.epochs) *
                          std::max(1, spec.objective.cvFolds);
        if (maxResource <= p.minResource)
            throw std::invalid_argument("pruner.max_resource: must be greater than min_resource (" +
                                        std::to_string(p.minResource) + ")");
        return std::make_shared<HyperbandPruner>(p.minResource, maxResource, p.reductionFactor);
    }
    }
    return nullptr;
}

QString StudyComponents::describe(const StudySpec& spec)
{
    static const char* samplers[] = {"grid", "random", "Sobol", "GP", "TPE", "CMA-ES", "auto"};
    static const char* pruners[] = {"no pruning", "median", "percentile", "ASHA", "Hyperband"};
    QString text = samplers[static_cast<int>(spec.sampler.type)];
    if (spec.sampler.type == SamplerSpec::Type::Tpe && spec.sampler.multivariate)
        text += " (multivariate)";
    return text + " · " + pruners[static_cast<int>(spec.pruner.type)];
}

} // namespace tw
