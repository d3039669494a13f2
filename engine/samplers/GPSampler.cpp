#include "samplers/GPSampler.h"

#include "samplers/GPSnapshot.h"
#include "samplers/LogExpectedImprovement.h"
#include "samplers/TrialStream.h"
#include "samplers/TrustRegion.h"
#include "samplers/SobolSequence.h"
#include "samplers/YeoJohnsonTransform.h"

#include <LBFGSB.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <set>
#include <stdexcept>
#include <unordered_map>

namespace tw {

// How the parameters of the relative space map onto the GP's input vector.
struct GPSampler::Encoding {
    struct Param {
        std::string name;
        Distribution dist;
        int offset = 0;
        int width = 1;             // one-hot width for a categorical, else 1
        bool categorical = false;
        bool discrete = false;     // numeric with a finite set of values
    };
    std::vector<Param> params;
    std::vector<int> numericDims;  // coordinates L-BFGS-B may move
    int width = 0;
    bool hasDiscrete = false;

    explicit Encoding(const SearchSpace& space)
    {
        for (const auto& spec : space.params()) {
            Param p;
            p.name = spec.name;
            p.dist = spec.distribution;
            p.offset = width;
            p.categorical = !p.dist.isNumeric();
            p.width = p.categorical ? std::max(1, p.dist.choiceCount()) : 1;
            p.discrete = p.categorical || p.dist.cardinality() > 0;
            hasDiscrete = hasDiscrete || p.discrete;
            if (!p.categorical)
                numericDims.push_back(width);
            width += p.width;
            params.push_back(std::move(p));
        }
    }

    bool covers(const ParamValues& values) const
    {
        for (const auto& p : params) {
            auto it = values.find(p.name);
            if (it == values.end() || !std::isfinite(it->second))
                return false;
        }
        return true;
    }

    void encodeValue(const Param& p, double value, Eigen::VectorXd& x) const
    {
        if (p.categorical) {
            x.segment(p.offset, p.width).setZero();
            const int index = std::clamp(static_cast<int>(std::lround(value)), 0, p.width - 1);
            x[p.offset + index] = 1.0;
        } else {
            x[p.offset] = std::clamp(p.dist.toUnit(value), 0.0, 1.0);
        }
    }

    Eigen::VectorXd encode(const ParamValues& values) const
    {
        Eigen::VectorXd x(width);
        for (const auto& p : params)
            encodeValue(p, values.at(p.name), x);
        return x;
    }

    double decodeValue(const Param& p, const Eigen::VectorXd& x) const
    {
        if (p.categorical) {
            Eigen::Index index = 0;
            x.segment(p.offset, p.width).maxCoeff(&index);
            return static_cast<double>(index);
        }
        return p.dist.fromUnit(x[p.offset]);
    }

    ParamValues decode(const Eigen::VectorXd& x) const
    {
        ParamValues values;
        for (const auto& p : params)
            values[p.name] = decodeValue(p, x);
        return values;
    }

    // Moves discrete coordinates onto the values they decode to.
    void snap(Eigen::VectorXd& x) const
    {
        for (const auto& p : params)
            if (p.discrete)
                encodeValue(p, decodeValue(p, x), x);
    }

    // One unit coordinate per parameter (a Sobol point) to an encoded, snapped input.
    Eigen::VectorXd fromUnitCube(const double* u) const
    {
        Eigen::VectorXd x(width);
        for (std::size_t i = 0; i < params.size(); ++i)
            encodeValue(params[i], params[i].dist.fromUnit(u[i]), x);
        return x;
    }

    // The other values a discrete parameter may take next to its current one: every other
    // choice of a categorical, the neighbouring steps of a numeric.
    std::vector<double> neighbours(const Param& p, double value) const
    {
        std::vector<double> out;
        if (p.categorical) {
            for (int c = 0; c < p.width; ++c)
                if (c != static_cast<int>(value))
                    out.push_back(c);
            return out;
        }
        const double step = p.dist.step() > 0 ? p.dist.step() : 1.0;
        for (double v : {value - step, value + step})
            if (p.dist.contains(v))
                out.push_back(v);
        return out;
    }
};

namespace {

constexpr double kMinVarianceRatio = 1e-10;

// log EI at x and its gradient with respect to x.
struct Acquisition {
    const GaussianProcess& gp;
    double best;

    double value(const Eigen::VectorXd& x, Eigen::VectorXd* gradient) const
    {
        Eigen::VectorXd dm, dv;
        const auto p = gp.predict(x, dm, dv);
        const double floor = kMinVarianceRatio * std::exp(gp.hyperparameters().logSignalVariance);
        double var = p.variance;
        if (var < floor) {
            var = floor;
            dv.setZero();
        }
        const double sd = std::sqrt(var);
        const double z = (best - p.mean) / sd;
        const double v = LogExpectedImprovement::logH(z) + std::log(sd);
        if (gradient) {
            const Eigen::VectorXd dsd = dv / (2.0 * sd);
            const Eigen::VectorXd dz = (-dm - z * dsd) / sd;
            *gradient = LogExpectedImprovement::logHDerivative(z) * dz + dsd / sd;
        }
        return v;
    }

    Eigen::VectorXd values(const Eigen::MatrixXd& points) const
    {
        Eigen::VectorXd mean, var;
        gp.predictBatch(points, mean, var);
        const double floor = kMinVarianceRatio * std::exp(gp.hyperparameters().logSignalVariance);
        Eigen::VectorXd out(points.cols());
        for (Eigen::Index i = 0; i < points.cols(); ++i) {
            const double sd = std::sqrt(std::max(var[i], floor));
            out[i] = LogExpectedImprovement::value(mean[i], sd, best);
        }
        return out;
    }
};

GPHyperparameterFitter::Options fitterOptions(const GPSampler::Options& o)
{
    GPHyperparameterFitter::Options f = o.fit;
    f.fixedNoise = f.fixedNoise || o.deterministicObjective;
    return f;
}

} // namespace

GPSampler::GPSampler()
    : GPSampler(Options{})
{
}

GPSampler::GPSampler(Options options)
    : m_options(options)
    , m_fitter(fitterOptions(m_options))
    , m_sobol(options.seed)
{
    if (m_options.startupTrials < 1)
        throw std::invalid_argument("GPSampler::GPSampler(): startupTrials must be >= 1");
    if (m_options.refitInterval < 0)
        throw std::invalid_argument("GPSampler::GPSampler(): refitInterval must be >= 0");
    if (m_options.candidates < 1)
        throw std::invalid_argument("GPSampler::GPSampler(): candidates must be >= 1");
    if (m_options.localSearches < 0)
        throw std::invalid_argument("GPSampler::GPSampler(): localSearches must be >= 0");
    if (m_options.localEvery < 0)
        throw std::invalid_argument("GPSampler::GPSampler(): localEvery must be >= 0");
}

GPSampler::Stats GPSampler::stats() const
{
    std::lock_guard lock(m_mutex);
    return m_stats;
}

std::optional<GPHyperparameters> GPSampler::hyperparameters() const
{
    std::lock_guard lock(m_mutex);
    if (!m_gp)
        return std::nullopt;
    return m_gp->hyperparameters();
}

int GPSampler::refitIntervalFor(int n) const
{
    return m_options.refitInterval > 0 ? m_options.refitInterval : std::max(1, n / 20);
}

namespace {

int countComplete(const StudyView& study)
{
    int n = 0;
    for (const auto& t : study.trials())
        if (t.state == TrialState::Complete && t.value && !std::isnan(*t.value))
            ++n;
    return n;
}

} // namespace

SearchSpace GPSampler::relativeSearchSpace(const StudyView& study, const FrozenTrial&)
{
    if (countComplete(study) < m_options.startupTrials)
        return study.searchSpace();
    // The intersection search space of the complete trials (pruned ones are not comparable).
    return m_intersection.calculate(study);
}

ParamValues GPSampler::sampleRelative(const StudyView& study, const FrozenTrial& trial,
                                      const SearchSpace& space)
{
    if (space.empty())
        return {};
    if (isSobolTrial(study, trial))
        return m_sobol.pointFor(space, trial.number);
    std::lock_guard lock(m_mutex);
    try {
        return sampleWithGP(study, trial, space);
    } catch (const std::runtime_error&) {
        // The kernel matrix could not be factorized even with jitter: start the model
        // afresh next time and give this trial its quasi-random point.
        m_gp.reset();
        m_cachedNumbers.clear();
        m_snapshot.reset();
        ++m_stats.fallbacks;
        return m_sobol.pointFor(space, trial.number);
    }
}

double GPSampler::sampleIndependent(const StudyView&, const FrozenTrial& trial,
                                    std::string_view name, const Distribution& dist)
{
    return dist.fromUnit(trialStream(m_options.seed, trial, name).uniform01());
}

ParamValues GPSampler::sampleWithGP(const StudyView& study, const FrozenTrial& trial,
                                    const SearchSpace& space)
{
    const Encoding enc(space);
    const double sign = study.direction() == StudyDirection::Maximize ? -1.0 : 1.0;

    // Observations: complete trials that have every parameter of the space.
    struct Observation {
        int number;
        Eigen::VectorXd x;
        double y;
    };
    std::vector<Observation> obs;
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (const auto& t : study.trials()) {
        if (t.state != TrialState::Complete || !t.value || std::isnan(*t.value) ||
            !enc.covers(t.params))
            continue;
        const double y = sign * *t.value;
        if (std::isfinite(y)) {
            lo = std::min(lo, y);
            hi = std::max(hi, y);
        }
        obs.push_back({t.number, enc.encode(t.params), y});
    }
    if (obs.empty() || !std::isfinite(lo))
        return m_sobol.pointFor(space, trial.number);
    for (auto& o : obs)
        o.y = std::clamp(o.y, lo, hi);

    // Reuse the held GP when the space is the same and it saw a subset of these trials:
    // the new observations are appended in trial-number order.
    std::vector<std::pair<std::string, Distribution>> signature;
    for (const auto& p : enc.params)
        signature.emplace_back(p.name, p.dist);
    std::unordered_map<int, std::size_t> byNumber;
    for (std::size_t i = 0; i < obs.size(); ++i)
        byNumber[obs[i].number] = i;
    bool reuse = m_gp.has_value() && signature == m_cachedSpace;
    if (reuse)
        for (int number : m_cachedNumbers)
            if (!byNumber.count(number)) {
                reuse = false;
                break;
            }
    std::vector<std::size_t> order;
    std::vector<char> used(obs.size(), 0);
    if (reuse) {
        for (int number : m_cachedNumbers) {
            order.push_back(byNumber[number]);
            used[byNumber[number]] = 1;
        }
    } else {
        m_gp.reset();
        m_cachedNumbers.clear();
        m_fittedAt = 0;
    }
    const std::size_t held = order.size();
    for (std::size_t i = 0; i < obs.size(); ++i)
        if (!used[i])
            order.push_back(i);

    const int n = static_cast<int>(order.size());
    Eigen::MatrixXd X(enc.width, n);
    Eigen::VectorXd y(n);
    for (int i = 0; i < n; ++i) {
        X.col(i) = obs[order[i]].x;
        y[i] = obs[order[i]].y;
    }
    // Standardize (minimization), after an optional power transform.
    Eigen::VectorXd ys;
    GPSnapshot snapshot;  // #16 "why this trial", filled at the end
    if (m_options.powerTransform) {
        const YeoJohnsonTransform yj = YeoJohnsonTransform::fit(y);
        ys = yj.apply(y);
        snapshot.powerTransform = true;
        snapshot.lambda = yj.lambda();
        snapshot.preMean = yj.mean();
        snapshot.preSd = yj.sd();
    } else {
        const double mean = y.mean();
        const double sd = n > 1 ? std::sqrt((y.array() - mean).square().sum() / (n - 1)) : 0.0;
        ys = (y.array() - mean) / (sd > 0 ? sd : 1.0);
    }

    const bool refit = !m_gp || n - m_fittedAt >= refitIntervalFor(n);
    if (refit) {
        std::vector<GPHyperparameters> starts{m_fitter.defaultStart(enc.width)};
        if (m_gp)
            starts.push_back(m_gp->hyperparameters());
        const auto result = m_fitter.fit(X, ys, starts);
        ++m_stats.fits;
        m_stats.fitLineSearchFailures += result.lineSearchFailures;
        m_gp.emplace(result.hyperparameters);
        m_gp->setInputs(X);
        ++m_stats.factorizations;
        m_fittedAt = n;
    } else {
        for (int i = static_cast<int>(held); i < n; ++i) {
            m_gp->appendInput(X.col(i));
            ++m_stats.rankOneUpdates;
        }
    }
    m_cachedSpace = signature;
    m_cachedNumbers.clear();
    for (int i = 0; i < n; ++i)
        m_cachedNumbers.push_back(obs[order[i]].number);
    GaussianProcess& gp = *m_gp;
    gp.setTargets(ys);
    const double best = ys.minCoeff();

    // Pending trials as fantasies, so that parallel workers spread out.
    std::vector<double> targets(ys.data(), ys.data() + n);
    std::set<std::vector<double>> taken;
    for (int i = 0; i < n; ++i)
        taken.insert(std::vector<double>(X.col(i).data(), X.col(i).data() + enc.width));
    for (const auto& t : study.trials()) {
        if ((t.state != TrialState::Running && t.state != TrialState::Waiting) ||
            t.number == trial.number || !enc.covers(t.params))
            continue;
        const Eigen::VectorXd x = enc.encode(t.params);
        const double fantasy = m_options.pending == PendingStrategy::KrigingBeliever
                                   ? gp.predict(x).mean
                                   : ys.maxCoeff();
        gp.appendInput(x);
        snapshot.pending.push_back({t.number, fantasy});
        targets.push_back(fantasy);
        gp.setTargets(Eigen::Map<const Eigen::VectorXd>(targets.data(), gp.size()));
        taken.insert(std::vector<double>(x.data(), x.data() + enc.width));
        ++m_stats.fantasies;
    }

    const Acquisition acq{gp, best};
    const std::uint64_t trialSeed = trialStreamSeed(m_options.seed, trial, "\x01gp");
    Random extraDims = Random::child(trialSeed, "sweep");
    const int dims = static_cast<int>(enc.numericDims.size());

    // The box the acquisition is maximized in: the unit cube, or on a local trial the trust
    // region around the best observation, its side replayed from the complete trials.
    Eigen::VectorXd lower = Eigen::VectorXd::Zero(dims);
    Eigen::VectorXd upper = Eigen::VectorXd::Ones(dims);
    int bestIndex = 0;
    ys.minCoeff(&bestIndex);
    if (isLocalTrial(trial.number) && dims > 0) {
        std::vector<std::size_t> byTrial(obs.size());
        std::iota(byTrial.begin(), byTrial.end(), 0);
        std::sort(byTrial.begin(), byTrial.end(),
                  [&](std::size_t a, std::size_t b) { return obs[a].number < obs[b].number; });
        std::vector<TrustRegion::Step> history;
        for (std::size_t i : byTrial)
            history.push_back({obs[i].y, isLocalTrial(obs[i].number)});
        const double side = TrustRegion::side(history);
        TrustRegion::box(X.col(bestIndex), enc.numericDims, side, lower, upper);
        // The box in encoding coordinates (a categorical's one-hot block spans [0, 1]).
        snapshot.boxLow.assign(enc.width, 0.0);
        snapshot.boxHigh.assign(enc.width, 1.0);
        for (int i = 0; i < dims; ++i) {
            snapshot.boxLow[enc.numericDims[i]] = lower[i];
            snapshot.boxHigh[enc.numericDims[i]] = upper[i];
        }
    }
    // Unit coordinate u of numeric parameter p, mapped into the box.
    std::vector<int> boxIndex(enc.width, -1);
    for (int i = 0; i < dims; ++i)
        boxIndex[enc.numericDims[i]] = i;
    auto intoBox = [&](const Encoding::Param& p, double u) {
        const int b = p.categorical ? -1 : boxIndex[p.offset];
        return b < 0 ? u : lower[b] + (upper[b] - lower[b]) * u;
    };

    // Candidates: a scrambled Sobol sweep, plus perturbations of the best observations.
    const int sweep = m_options.candidates;
    const int perParams = static_cast<int>(enc.params.size());
    const int sobolDims = std::min(perParams, SobolSequence::kMaxDimensions);
    const SobolSequence sobol(sobolDims, true, trialSeed);
    std::vector<double> u(perParams);
    const int around = std::max(1, sweep / 4);
    Eigen::MatrixXd cand(enc.width, sweep + around);
    for (int c = 0; c < sweep; ++c) {
        sobol.point(static_cast<std::uint64_t>(c), u.data());
        for (int i = sobolDims; i < perParams; ++i)
            u[i] = extraDims.uniform01();
        for (int i = 0; i < perParams; ++i)
            u[i] = intoBox(enc.params[i], u[i]);
        cand.col(c) = enc.fromUnitCube(u.data());
    }
    {
        std::vector<int> ranked(n);
        std::iota(ranked.begin(), ranked.end(), 0);
        const int top = std::min(n, 5);
        std::partial_sort(ranked.begin(), ranked.begin() + top, ranked.end(),
                          [&](int a, int b) { return ys[a] < ys[b]; });
        Random rng = Random::child(trialSeed, "perturb");
        for (int c = 0; c < around; ++c) {
            Eigen::VectorXd x = X.col(ranked[c % top]);
            for (int i = 0; i < dims; ++i) {
                const int dim = enc.numericDims[i];
                x[dim] = std::clamp(x[dim] + 0.05 * rng.normal(), lower[i], upper[i]);
            }
            enc.snap(x);
            cand.col(sweep + c) = x;
        }
    }
    const Eigen::VectorXd candValues = acq.values(cand);
    std::vector<int> ranking(cand.cols());
    std::iota(ranking.begin(), ranking.end(), 0);
    std::sort(ranking.begin(), ranking.end(), [&](int a, int b) {
        return candValues[a] > candValues[b] || (candValues[a] == candValues[b] && a < b);
    });

    // Local refinement of the best few candidates.
    struct Refined {
        Eigen::VectorXd x;
        double value;
    };
    std::vector<Refined> refined;
    LBFGSpp::LBFGSBParam<double> param;
    param.m = 6;
    param.epsilon = 1e-5;
    param.epsilon_rel = 1e-5;
    // Stop once log EI stalls: with no test on the value, runs near a maximum end in a
    // failed line search after many wasted evaluations.
    param.past = 1;
    param.delta = 1e-9;
    param.max_iterations = 50;
    param.max_linesearch = 30;
    const int starts = std::min<int>(m_options.localSearches, static_cast<int>(ranking.size()));
    for (int s = 0; s < starts; ++s) {
        Eigen::VectorXd x = cand.col(ranking[s]);
        double bestValue = candValues[ranking[s]];
        if (dims > 0) {
            Eigen::VectorXd bestX = x;
            Eigen::VectorXd full = x;
            auto objective = [&](const Eigen::VectorXd& v, Eigen::VectorXd& grad) -> double {
                for (int i = 0; i < dims; ++i)
                    full[enc.numericDims[i]] = v[i];
                Eigen::VectorXd g;
                const double a = acq.value(full, &g);
                grad.resize(dims);
                if (!std::isfinite(a)) {
                    grad.setZero();
                    return 1e300;
                }
                for (int i = 0; i < dims; ++i)
                    grad[i] = -g[enc.numericDims[i]];
                if (a > bestValue) {
                    bestValue = a;
                    bestX = full;
                }
                return -a;
            };
            LBFGSpp::LBFGSBSolver<double> solver(param);
            Eigen::VectorXd v(dims);
            for (int i = 0; i < dims; ++i)
                v[i] = x[enc.numericDims[i]];
            double fx = 0;
            try {
                solver.minimize(objective, v, fx, lower, upper);
            } catch (const std::exception&) {
                // A failed line search leaves the best point seen, which bestX holds.
                ++m_stats.acquisitionLineSearchFailures;
            }
            x = bestX;
        }
        if (enc.hasDiscrete) {
            enc.snap(x);
            bestValue = acq.value(x, nullptr);
            // Coordinate-wise search over the discrete parameters.
            for (int pass = 0; pass < 3; ++pass) {
                bool improved = false;
                for (const auto& p : enc.params) {
                    if (!p.discrete)
                        continue;
                    const double current = enc.decodeValue(p, x);
                    for (double alt : enc.neighbours(p, current)) {
                        Eigen::VectorXd trialX = x;
                        enc.encodeValue(p, alt, trialX);
                        const double a = acq.value(trialX, nullptr);
                        if (a > bestValue) {
                            bestValue = a;
                            x = trialX;
                            improved = true;
                        }
                    }
                }
                if (!improved)
                    break;
            }
        }
        refined.push_back({x, bestValue});
    }
    std::stable_sort(refined.begin(), refined.end(),
                     [](const Refined& a, const Refined& b) { return a.value > b.value; });
    // The best point that no trial has taken yet (a discrete space can offer taken ones).
    std::vector<Eigen::VectorXd> ordered;
    for (const auto& r : refined)
        ordered.push_back(r.x);
    for (int index : ranking)
        ordered.push_back(cand.col(index));
    Eigen::VectorXd chosen = ordered.front();
    for (const auto& x : ordered) {
        Eigen::VectorXd snapped = x;
        enc.snap(snapped);
        // Compare what the trial would store: decode, then encode again.
        const Eigen::VectorXd stored = enc.encode(enc.decode(snapped));
        if (!taken.count(std::vector<double>(stored.data(), stored.data() + enc.width))) {
            chosen = stored;
            break;
        }
    }
    recordSnapshot(snapshot, trial.number, enc, y, ys, sign, lo, hi, best, trialSeed,
                   static_cast<int>(cand.cols()), acq.value(chosen, nullptr), chosen);
    for (const auto& r : refined)
        snapshot.candidates.push_back({GPSnapshot::toVector(r.x), r.value, "refined"});
    for (int i = 0; i < std::min<int>(20, static_cast<int>(ranking.size())); ++i)
        snapshot.candidates.push_back(
            {GPSnapshot::toVector(cand.col(ranking[i])), candValues[ranking[i]], "sweep"});
    snapshot.sortCandidates(20);
    m_snapshot = std::move(snapshot);
    gp.truncate(n);
    return enc.decode(chosen);
}

bool GPSampler::isLocalTrial(int trialNumber) const
{
    const int k = m_options.localEvery;
    return k > 0 && trialNumber >= m_options.startupTrials && (trialNumber - m_options.startupTrials) % k == k - 1;
}

void GPSampler::recordSnapshot(GPSnapshot& s, int trial, const Encoding& enc,
                               const Eigen::VectorXd& y, const Eigen::VectorXd& ys, double sign,
                               double lo, double hi, double best, std::uint64_t trialSeed,
                               int considered, double pointValue, const Eigen::VectorXd& point) const
{
    s.trial = trial;
    for (const auto& p : enc.params)
        s.params.push_back(p.name);
    s.fittedOn = m_cachedNumbers;
    const GPHyperparameters& h = m_gp->hyperparameters();
    s.logLengthscales = GPSnapshot::toVector(h.logLengthscales);
    s.logSignalVariance = h.logSignalVariance;
    s.logNoiseVariance = h.logNoiseVariance;
    s.sign = sign;
    s.clipLow = lo;
    s.clipHigh = hi;
    Eigen::VectorXd t = y;
    if (s.powerTransform)
        for (Eigen::Index i = 0; i < t.size(); ++i)
            t[i] = YeoJohnsonTransform::transform((y[i] - s.preMean) / s.preSd, s.lambda);
    s.setStandardization(t, ys);
    s.best = best;
    s.minVarianceRatio = kMinVarianceRatio;
    s.seed = m_options.seed;
    s.trialSeed = trialSeed;
    s.candidatesConsidered = considered;
    s.localSearches = m_options.localSearches;
    s.point = GPSnapshot::toVector(point);
    s.pointAcquisition = pointValue;
}

std::string GPSampler::suggestionSnapshot(const StudyView&, const FrozenTrial& trial)
{
    std::lock_guard lock(m_mutex);
    if (!m_snapshot || m_snapshot->trial != trial.number)
        return {};
    return m_snapshot->toJson();
}

bool GPSampler::isSobolTrial(const StudyView& study, const FrozenTrial& trial) const
{
    if (countComplete(study) < m_options.startupTrials)
        return true;
    const int k = m_options.interleaveEvery;
    return k > 0 && trial.number >= m_options.startupTrials && (trial.number - m_options.startupTrials) % k == k - 1;
}

std::string GPSampler::samplingMethod(const StudyView& study, const FrozenTrial& trial)
{
    // The start-up (and interleaved) trials take Sobol points (see sampleRelative).
    return isSobolTrial(study, trial) ? "sobol" : "gp";
}

} // namespace tw
