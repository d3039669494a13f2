#include "samplers/CmaEsSampler.h"

#include "samplers/TrialStream.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <stdexcept>

namespace tw {

namespace {

constexpr double kTolX = 1e-5;
constexpr double kMaxCondition = 1e14;

// The (1 - p) quantile of the standard normal, by bisection on erfc (called once per generation).
double upperNormalQuantile(double p)
{
    double lo = 0.0, hi = 40.0;
    for (int i = 0; i < 100; ++i) {
        const double mid = 0.5 * (lo + hi);
        if (0.5 * std::erfc(mid / std::sqrt(2.0)) > p)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

std::uint64_t doubleBits(double v)
{
    std::uint64_t bits = 0;
    static_assert(sizeof bits == sizeof v);
    std::memcpy(&bits, &v, sizeof bits);
    return bits;
}

bool usable(const FrozenTrial& t)
{
    return t.state == TrialState::Complete && t.value && !std::isnan(*t.value);
}

} // namespace

CmaEsSampler::CmaEsSampler()
    : CmaEsSampler(Options{})
{
}

CmaEsSampler::CmaEsSampler(Options options)
    : m_options(options)
    , m_sobol(options.seed)
{
    if (!(m_options.sigma0 > 0.0) || !std::isfinite(m_options.sigma0))
        throw std::invalid_argument("CmaEsSampler::CmaEsSampler(): sigma0 must be > 0");
    if (m_options.popsize < 0 || m_options.popsize == 1)
        throw std::invalid_argument("CmaEsSampler::CmaEsSampler(): popsize must be 0 (automatic) or >= 2");
    if (m_options.startupTrials < 0)
        throw std::invalid_argument("CmaEsSampler::CmaEsSampler(): startupTrials must be >= 0");
}

int CmaEsSampler::defaultPopsize(int dims) const
{
    if (m_options.popsize > 0)
        return m_options.popsize;
    return 4 + static_cast<int>(std::floor(3.0 * std::log(std::max(1, dims))));
}

SearchSpace CmaEsSampler::relativeSearchSpace(const StudyView& study, const FrozenTrial&)
{
    SearchSpace space;
    for (const auto& p : study.searchSpace().params()) {
        const Distribution& d = p.distribution;
        if (p.condition || !d.isNumeric() || d.low() == d.high())
            continue;
        space.add(p);
    }
    return space;
}

std::vector<CmaEsSampler::Dim> CmaEsSampler::dims(const SearchSpace& space) const
{
    std::vector<Dim> out;
    for (const auto& p : space.params()) {
        Dim d{p.name, p.distribution, 0.0};
        if (const long long n = p.distribution.cardinality(); n > 0)
            d.halfStep = 0.5 / static_cast<double>(n);
        out.push_back(std::move(d));
    }
    return out;
}

CmaEsSampler::State CmaEsSampler::initialState(const std::vector<Dim>& d, const StudyView&, int start,
                                               int run, double sigma, int popsize,
                                               const Eigen::VectorXd& mean) const
{
    const int n = static_cast<int>(d.size());
    State s;
    s.mean = mean;
    s.sigma = sigma;
    s.C = Eigen::MatrixXd::Identity(n, n);
    s.pc = Eigen::VectorXd::Zero(n);
    s.ps = Eigen::VectorXd::Zero(n);
    s.popsize = popsize;
    s.run = run;
    s.runStart = start;
    decompose(s, d);
    return s;
}

void CmaEsSampler::decompose(State& s, const std::vector<Dim>& d) const
{
    const int n = static_cast<int>(d.size());
    s.C = 0.5 * (s.C + s.C.transpose());
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(s.C);
    s.B = eig.eigenvectors();
    s.D = eig.eigenvalues().cwiseMax(1e-20).cwiseSqrt();
    // The margin (Hamano et al. 2022): a discrete coordinate's marginal sd stays at least
    // half a step over the (1 - alpha/2) quantile, alpha = 1 / (d lambda).
    const double alpha = 1.0 / (static_cast<double>(n) * static_cast<double>(s.popsize));
    const double q = upperNormalQuantile(alpha / 2.0);
    s.margin = Eigen::VectorXd::Ones(n);
    for (int j = 0; j < n; ++j) {
        if (d[static_cast<std::size_t>(j)].halfStep <= 0)
            continue;
        const double sd = s.sigma * std::sqrt(std::max(s.C(j, j), 1e-300));
        const double need = d[static_cast<std::size_t>(j)].halfStep / q;
        if (sd < need)
            s.margin[j] = need / sd;
    }
}

void CmaEsSampler::update(State& s, const std::vector<Dim>& d,
                          std::vector<std::pair<double, Eigen::VectorXd>> ranked) const
{
    const int n = static_cast<int>(d.size());
    const double nd = static_cast<double>(n);
    const int lambda = s.popsize;
    const int mu = std::max(1, lambda / 2);
    // Hansen 2016, Table 1 (positive weights only).
    Eigen::VectorXd w(mu);
    for (int i = 0; i < mu; ++i)
        w[i] = std::log((lambda + 1) / 2.0) - std::log(i + 1.0);
    w /= w.sum();
    const double mueff = 1.0 / w.squaredNorm();
    const double cs = (mueff + 2.0) / (nd + mueff + 5.0);
    const double ds = 1.0 + 2.0 * std::max(0.0, std::sqrt((mueff - 1.0) / (nd + 1.0)) - 1.0) + cs;
    const double cc = (4.0 + mueff / nd) / (nd + 4.0 + 2.0 * mueff / nd);
    const double c1 = 2.0 / ((nd + 1.3) * (nd + 1.3) + mueff);
    const double cmu = std::min(1.0 - c1, 2.0 * (mueff - 2.0 + 1.0 / mueff) / ((nd + 2.0) * (nd + 2.0) + mueff));
    const double chiN = std::sqrt(nd) * (1.0 - 1.0 / (4.0 * nd) + 1.0 / (21.0 * nd * nd));
    const double clip = std::sqrt(nd) + 2.0 * nd / (nd + 2.0);

    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    const int k = std::min<int>(mu, static_cast<int>(ranked.size()));
    Eigen::VectorXd wk = w.head(k);
    wk /= wk.sum();

    const Eigen::MatrixXd invSqrtC = s.B * s.D.cwiseInverse().asDiagonal() * s.B.transpose();
    Eigen::MatrixXd Y(n, k);
    for (int i = 0; i < k; ++i) {
        Eigen::VectorXd y = (ranked[static_cast<std::size_t>(i)].second - s.mean).cwiseQuotient(s.margin) / s.sigma;
        const double norm = (invSqrtC * y).norm();
        if (norm > clip)
            y *= clip / norm;  // Hansen 2011: injected solutions
        Y.col(i) = y;
    }
    const Eigen::VectorXd yw = Y * wk;
    s.mean = (s.mean + s.sigma * s.margin.cwiseProduct(yw)).cwiseMax(0.0).cwiseMin(1.0);
    s.ps = (1.0 - cs) * s.ps + std::sqrt(cs * (2.0 - cs) * mueff) * (invSqrtC * yw);
    const double psNorm = s.ps.norm();
    const double hsig = psNorm / std::sqrt(1.0 - std::pow(1.0 - cs, 2.0 * (s.generation + 1))) / chiN <
                                1.4 + 2.0 / (nd + 1.0)
                            ? 1.0
                            : 0.0;
    s.pc = (1.0 - cc) * s.pc + hsig * std::sqrt(cc * (2.0 - cc) * mueff) * yw;
    Eigen::MatrixXd rankMu = Eigen::MatrixXd::Zero(n, n);
    for (int i = 0; i < k; ++i)
        rankMu += wk[i] * Y.col(i) * Y.col(i).transpose();
    s.C = (1.0 - c1 - cmu + (1.0 - hsig) * c1 * cc * (2.0 - cc)) * s.C + c1 * s.pc * s.pc.transpose() +
          cmu * rankMu;
    s.sigma = std::min(1.0, s.sigma * std::exp((cs / ds) * (psNorm / chiN - 1.0)));
    ++s.generation;
    decompose(s, d);
}

bool CmaEsSampler::finished(const State& s, const std::vector<double>& values) const
{
    if (m_options.restarts == Restarts::None)
        return false;
    if (s.sigma * std::sqrt(s.C.diagonal().maxCoeff()) < kTolX)
        return true;
    const double dmax = s.D.maxCoeff(), dmin = s.D.minCoeff();
    if (dmin <= 0 || (dmax / dmin) * (dmax / dmin) > kMaxCondition)
        return true;
    const int patience = 10 + static_cast<int>(std::ceil(30.0 * static_cast<double>(s.mean.size()) / s.popsize));
    if (s.hasBest && s.generation - s.runBestGeneration > patience)
        return true;
    if (values.size() >= 2) {
        const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
        if (*hi - *lo <= 1e-12 * std::max(1.0, std::abs(*hi)))
            return true;  // flat fitness: every point of the generation scored the same
    }
    return false;
}

CmaEsSampler::State CmaEsSampler::restart(const State& old, const std::vector<Dim>& d, const StudyView& study,
                                          int start) const
{
    const int n = static_cast<int>(d.size());
    const int lambda0 = defaultPopsize(n);
    const int run = old.run + 1;
    Random rng = Random::child(m_options.seed, "cmaes-restart", run);
    Eigen::VectorXd mean(n);
    for (int j = 0; j < n; ++j)
        mean[j] = rng.uniform01();
    long long large = old.largeBudget, small = old.smallBudget;
    const bool oldWasLarge = old.run == 0 || old.popsize == old.lastLargePopsize;
    (oldWasLarge ? large : small) += start - old.runStart;
    int largeRuns = old.largeRuns;
    int lastLarge = old.lastLargePopsize > 0 ? old.lastLargePopsize : lambda0;
    int popsize = lambda0;
    double sigma = m_options.sigma0;
    if (m_options.restarts == Restarts::Ipop || large <= small) {
        ++largeRuns;
        popsize = std::min(1 << 20, lambda0 << std::min(largeRuns, 20));
        lastLarge = popsize;
    } else {
        // BIPOP's small regime (Hansen 2009): lambda_s = lambda0 (lambda_l / (2 lambda0))^(u^2),
        // sigma_s = sigma0 10^(-2 u).
        const double u1 = rng.uniform01(), u2 = rng.uniform01();
        popsize = std::max(2, static_cast<int>(std::floor(
                                  lambda0 * std::pow(0.5 * lastLarge / static_cast<double>(lambda0), u1 * u1))));
        sigma = m_options.sigma0 * std::pow(10.0, -2.0 * u2);
        if (popsize == lastLarge)
            popsize = std::max(2, popsize - 1);  // keep the regimes apart
    }
    State s = initialState(d, study, start, run, sigma, popsize, mean);
    s.largeBudget = large;
    s.smallBudget = small;
    s.largeRuns = largeRuns;
    s.lastLargePopsize = lastLarge;
    return s;
}

CmaEsSampler::State CmaEsSampler::stateFor(const StudyView& study, int trialNumber, const SearchSpace& space)
{
    const std::vector<Dim> d = dims(space);
    const int n = static_cast<int>(d.size());
    const double sign = study.direction() == StudyDirection::Maximize ? -1.0 : 1.0;
    std::map<int, const FrozenTrial*> byNumber;
    for (const auto& t : study.trials())
        byNumber[t.number] = &t;
    auto encode = [&](const FrozenTrial& t, Eigen::VectorXd& x) {
        x.resize(n);
        for (int j = 0; j < n; ++j) {
            auto it = t.params.find(d[static_cast<std::size_t>(j)].name);
            if (it == t.params.end() || !std::isfinite(it->second))
                return false;
            x[j] = std::clamp(d[static_cast<std::size_t>(j)].dist.toUnit(it->second), 0.0, 1.0);
        }
        return true;
    };

    std::vector<std::pair<std::string, Distribution>> signature;
    for (const auto& dim : d)
        signature.emplace_back(dim.name, dim.dist);
    if (signature != m_cachedSpace) {
        m_cache.clear();
        m_cachedSpace = signature;
    }

    const int start = m_options.startupTrials;
    // The first mean: the best start-up trial, else the centre.
    Eigen::VectorXd mean = Eigen::VectorXd::Constant(n, 0.5);
    double bestStart = std::numeric_limits<double>::infinity();
    std::uint64_t fingerprint = Random::hashString("cmaes-start");
    for (auto it = byNumber.begin(); it != byNumber.end() && it->first < start; ++it) {
        const FrozenTrial& t = *it->second;
        fingerprint = Random::derive(fingerprint, t.number);
        fingerprint = Random::derive(fingerprint, usable(t) ? doubleBits(*t.value) : 1);
        Eigen::VectorXd x;
        if (usable(t) && sign * *t.value < bestStart && encode(t, x)) {
            bestStart = sign * *t.value;
            mean = x;
        }
    }
    State s;
    std::size_t gen = 0;
    if (!m_cache.empty() && m_cache.front().first == fingerprint) {
        s = m_cache.front().second;
    } else {
        m_cache.clear();
        s = initialState(d, study, start, 0, m_options.sigma0, defaultPopsize(n), mean);
        s.lastLargePopsize = s.popsize;
        m_cache.emplace_back(fingerprint, s);
    }
    ++gen;

    for (;;) {
        const int genStart = s.runStart + s.generation * s.popsize;
        const int genEnd = genStart + s.popsize;
        if (genEnd > trialNumber)
            break;
        std::uint64_t fp = Random::derive(Random::hashString("cmaes-generation"), genStart, genEnd);
        for (auto it = byNumber.lower_bound(genStart); it != byNumber.end() && it->first < genEnd; ++it) {
            const FrozenTrial& t = *it->second;
            fp = Random::derive(fp, static_cast<std::uint64_t>(t.number) * 8 + static_cast<std::uint64_t>(t.state));
            fp = Random::derive(fp, usable(t) ? doubleBits(*t.value) : 1);
        }
        if (gen < m_cache.size() && m_cache[gen].first == fp) {
            s = m_cache[gen].second;
            ++gen;
            continue;
        }
        std::vector<std::pair<double, Eigen::VectorXd>> ranked;
        std::vector<double> values;
        for (auto it = byNumber.lower_bound(genStart); it != byNumber.end() && it->first < genEnd; ++it) {
            const FrozenTrial& t = *it->second;
            Eigen::VectorXd x;
            if (!usable(t) || !encode(t, x))
                continue;
            double v = sign * *t.value;
            if (std::isinf(v))
                v = v > 0 ? std::numeric_limits<double>::max() : std::numeric_limits<double>::lowest();
            values.push_back(v);
            ranked.emplace_back(v, std::move(x));
        }
        if (ranked.empty()) {
            ++s.generation;  // nothing to learn from: the next generation samples the same
        } else {
            update(s, d, ranked);
            const double genBest = *std::min_element(values.begin(), values.end());
            if (!s.hasBest || genBest < s.runBest) {
                s.runBest = genBest;
                s.runBestGeneration = s.generation;
                s.hasBest = true;
            }
        }
        if (finished(s, values))
            s = restart(s, d, study, genEnd);
        m_cache.resize(gen);
        m_cache.emplace_back(fp, s);
        ++gen;
    }
    return s;
}

ParamValues CmaEsSampler::sampleRelative(const StudyView& study, const FrozenTrial& trial, const SearchSpace& space)
{
    if (space.empty())
        return {};
    if (trial.number < m_options.startupTrials)
        return m_sobol.pointFor(space, trial.number);
    std::lock_guard lock(m_mutex);
    const State s = stateFor(study, trial.number, space);
    const std::vector<Dim> d = dims(space);
    const int n = static_cast<int>(d.size());
    Random rng = trialStream(m_options.seed, trial, "\x01cmaes");
    Eigen::VectorXd x(n), z(n);
    for (int attempt = 0; attempt < 100; ++attempt) {
        for (int j = 0; j < n; ++j)
            z[j] = rng.normal();
        x = s.mean + s.sigma * s.margin.cwiseProduct(s.B * s.D.cwiseProduct(z));
        if (x.minCoeff() >= 0.0 && x.maxCoeff() <= 1.0)
            break;
    }
    ParamValues out;
    for (int j = 0; j < n; ++j)
        out[d[static_cast<std::size_t>(j)].name] = d[static_cast<std::size_t>(j)].dist.fromUnit(std::clamp(x[j], 0.0, 1.0));
    return out;
}

double CmaEsSampler::sampleIndependent(const StudyView&, const FrozenTrial& trial, std::string_view name,
                                       const Distribution& dist)
{
    Random rng = trialStream(m_options.seed, trial, name);
    return dist.fromUnit(rng.uniform01());
}

std::string CmaEsSampler::samplingMethod(const StudyView& study, const FrozenTrial& trial)
{
    if (relativeSearchSpace(study, trial).empty())
        return "random";
    return trial.number < m_options.startupTrials ? "sobol" : "cmaes";
}

} // namespace tw
