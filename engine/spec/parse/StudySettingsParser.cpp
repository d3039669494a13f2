#include "spec/parse/StudySettingsParser.h"
#include "spec/CanonicalJson.h"
#include "spec/SpecError.h"
#include "spec/parse/SpecParseSupport.h"

#include <algorithm>
#include <climits>

namespace tw::specparse {

using Kind = SpecError::Kind;
using R = SpecReader;

SamplerSpec StudySettingsParser::sampler(const R& r) {
    SamplerSpec s;
    using T = SamplerSpec::Type;
    s.type = r.choice<T>(S("type"),
                         {{S("grid"), T::Grid},
                          {S("random"), T::Random},
                          {S("sobol"), T::Sobol},
                          {S("gp"), T::Gp},
                          {S("tpe"), T::Tpe},
                          {S("cmaes"), T::Cmaes},
                          {S("auto"), T::Auto}},
                         s.type);
    const QString ctx = QStringLiteral("for the %1 sampler")
                            .arg(r.has(S("type")) ? r.value(S("type")).toString() : S("tpe"));
    switch (s.type) {
    case T::Grid:
        r.allowOnly({S("type"), S("seed"), S("resolution")}, ctx);
        s.resolution = toInt(r, S("resolution"), 0, NumberRange::atLeast(2));
        break;
    case T::Random:
        r.allowOnly({S("type"), S("seed")}, ctx);
        break;
    case T::Sobol:
        r.allowOnly({S("type"), S("seed"), S("scramble")}, ctx);
        s.scramble = r.boolean(S("scramble"), s.scramble);
        break;
    case T::Gp:
        r.allowOnly({S("type"), S("seed"), S("n_startup"), S("refit_every"), S("local_every")}, ctx);
        s.nStartup = toInt(r, S("n_startup"), 8, NumberRange::atLeast(1));
        s.localEvery = toInt(r, S("local_every"), s.localEvery, NumberRange::atLeast(0));
        s.refitEvery = toInt(r, S("refit_every"), s.refitEvery, NumberRange::atLeast(1));
        break;
    case T::Tpe:
        r.allowOnly({S("type"), S("seed"), S("n_startup"), S("multivariate"), S("n_ei_candidates")},
                    ctx);
        s.nStartup = toInt(r, S("n_startup"), 10, NumberRange::atLeast(1));
        s.multivariate = r.boolean(S("multivariate"), s.multivariate);
        s.nEiCandidates = toInt(r, S("n_ei_candidates"), s.nEiCandidates, NumberRange::atLeast(1));
        break;
    case T::Cmaes:
        r.allowOnly({S("type"), S("seed"), S("sigma0"), S("popsize"), S("restarts"), S("n_startup")}, ctx);
        s.nStartup = toInt(r, S("n_startup"), 0, NumberRange::atLeast(0));
        if (r.has(S("sigma0")))
            s.sigma0 = r.number(S("sigma0"), NumberRange::leftOpen(0, 1));
        s.popsize = toInt(r, S("popsize"), 0, NumberRange::atLeast(2));
        s.restarts = r.choice<SamplerSpec::Restarts>(S("restarts"),
                                                     {{S("none"), SamplerSpec::Restarts::None},
                                                      {S("ipop"), SamplerSpec::Restarts::Ipop},
                                                      {S("bipop"), SamplerSpec::Restarts::Bipop}},
                                                     s.restarts);
        break;
    case T::Auto:
        r.allowOnly({S("type"), S("seed")}, ctx);
        break;
    }
    s.seed = toSeed(r, S("seed"));
    return s;
}

void StudySettingsParser::checkGrid(const StudySpec& spec) {
    if (spec.sampler.type == SamplerSpec::Type::Grid)
        for (const auto& p : spec.searchSpace.params)
            if (p.kind == Distribution::Kind::Float && p.step <= 0.0 && p.resolution == 0 &&
                spec.sampler.resolution == 0)
                throw SpecError(JsonPath().key(S("search_space")).key(p.name),
                                S("the grid sampler needs \"resolution\" (the number of points) or "
                                  "\"step\" for a "
                                  "float parameter; or set sampler.resolution"),
                                Kind::MissingKey);
}

PrunerSpec StudySettingsParser::pruner(const R& r, const StudySpec& spec) {
    PrunerSpec p;
    using T = PrunerSpec::Type;
    p.type = r.choice<T>(S("type"), {{S("none"), T::None},
                                     {S("median"), T::Median},
                                     {S("percentile"), T::Percentile},
                                     {S("asha"), T::Asha},
                                     {S("hyperband"), T::Hyperband}});
    const QString ctx = QStringLiteral("for the %1 pruner").arg(r.value(S("type")).toString());
    switch (p.type) {
    case T::None:
        r.allowOnly({S("type")}, ctx);
        break;
    case T::Median:
    case T::Percentile:
        if (p.type == T::Median) {
            r.allowOnly({S("type"), S("n_startup_trials"), S("n_warmup_steps")}, ctx);
        } else {
            r.allowOnly({S("type"), S("percentile"), S("n_startup_trials"), S("n_warmup_steps")},
                        ctx);
            p.percentile = r.number(S("percentile"), NumberRange::open(0, 100));
        }
        p.nStartupTrials =
            toInt(r, S("n_startup_trials"), p.nStartupTrials, NumberRange::atLeast(0));
        p.nWarmupSteps = toInt(r, S("n_warmup_steps"), p.nWarmupSteps, NumberRange::atLeast(0));
        break;
    case T::Asha:
        r.allowOnly({S("type"), S("min_resource"), S("reduction_factor")}, ctx);
        p.minResource = toInt(r, S("min_resource"), p.minResource, NumberRange::atLeast(1));
        p.reductionFactor =
            toInt(r, S("reduction_factor"), p.reductionFactor, NumberRange::atLeast(2));
        break;
    case T::Hyperband: {
        r.allowOnly({S("type"), S("min_resource"), S("max_resource"), S("reduction_factor")}, ctx);
        p.minResource = toInt(r, S("min_resource"), p.minResource, NumberRange::atLeast(1));
        p.reductionFactor =
            toInt(r, S("reduction_factor"), p.reductionFactor, NumberRange::atLeast(2));
        if (r.has(S("max_resource"))) {
            p.maxResource = toInt(r, S("max_resource"), 0, NumberRange::greaterThan(p.minResource));
        } else if (spec.objective.isTrain()) {
            // The number of steps a full trial reports.
            qint64 epochs = spec.objective.training.epochs;
            if (const auto* e = spec.searchSpace.find(S("training.epochs"));
                e && e->kind == Distribution::Kind::Int)
                epochs = static_cast<qint64>(e->high);
            const qint64 steps = epochs * std::max(1, spec.objective.cvFolds);
            if (steps <= p.minResource)
                throw SpecError(
                    r.at(S("max_resource")),
                    QStringLiteral(
                        "missing required key: the default, %1 steps (epochs x folds), is not "
                        "more than min_resource (%2)")
                        .arg(steps)
                        .arg(p.minResource),
                    Kind::MissingKey);
            p.maxResource = static_cast<int>(std::min<qint64>(steps, INT_MAX));
        } else {
            throw SpecError(r.at(S("max_resource")),
                            S("missing required key (the hyperband pruner needs it for command and "
                              "function objectives)"),
                            Kind::MissingKey);
        }
        break;
    }
    }
    return p;
}

BudgetSpec StudySettingsParser::budget(const R& r) {
    BudgetSpec b;
    r.allowOnly({S("trials"), S("timeout_s"), S("parallel"), S("max_consecutive_failures")});
    b.trials = toInt(r, S("trials"), b.trials, NumberRange::atLeast(1));
    b.timeoutS = r.number(S("timeout_s"), b.timeoutS, NumberRange::atLeast(0));
    b.parallel = toInt(r, S("parallel"), b.parallel, NumberRange::atLeast(1));
    if (r.has(S("max_consecutive_failures")))
        b.maxConsecutiveFailures = toInt(r, S("max_consecutive_failures"), 0, NumberRange::atLeast(0));
    return b;
}

RetrySpec StudySettingsParser::retry(const R& r) {
    RetrySpec s;
    r.allowOnly({S("max_retries"), S("heartbeat_s"), S("grace_s")});
    s.maxRetries = toInt(r, S("max_retries"), s.maxRetries, NumberRange::atLeast(0));
    s.heartbeatS = r.number(S("heartbeat_s"), s.heartbeatS, NumberRange::greaterThan(0));
    s.graceS = r.number(S("grace_s"), s.graceS, NumberRange::greaterThan(0));
    if (s.graceS <= s.heartbeatS)
        throw SpecError(
            r.at(r.has(S("grace_s")) ? S("grace_s") : S("heartbeat_s")),
            QStringLiteral("grace_s (%1) must be greater than heartbeat_s (%2)")
                .arg(CanonicalJson::number(s.graceS), CanonicalJson::number(s.heartbeatS)),
            Kind::BadValue);
    return s;
}

} // namespace tw::specparse
