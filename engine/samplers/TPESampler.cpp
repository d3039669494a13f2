#include "samplers/TPESampler.h"

#include "samplers/TrialStream.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace tw {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// Purpose tag of the multivariate stream (parameter streams use their name's hash).
constexpr std::string_view kRelativePurpose = "\x01tpe-relative";

ParzenEstimatorOptions estimatorOptions(const TPESamplerOptions& o, ParzenBandwidth bandwidth)
{
    ParzenEstimatorOptions p;
    p.priorWeight = o.priorWeight;
    p.magicClip = o.magicClip;
    p.magicClipExponent = o.magicClipExponent;
    p.minBandwidth = o.minBandwidth;
    p.considerEndpoints = o.considerEndpoints;
    p.kernelWeighting = o.kernelWeighting;
    p.bandwidth = bandwidth;
    return p;
}

bool isSingle(const Distribution& d)
{
    return d.kind() == Distribution::Kind::Fixed || d.cardinality() == 1;
}

} // namespace

bool TPESampler::observation(const FrozenTrial& t, const std::string& name, const Distribution& dist, double& v)
{
    const auto it = t.params.find(name);
    if (it == t.params.end())
        return false;
    v = it->second;
    const auto d = t.distributions.find(name);
    if (d != t.distributions.end() && d->second == dist)
        return true;
    if (d != t.distributions.end() && !dist.isNumeric())
        return false;
    return dist.contains(v);
}

TPESampler::TPESampler(TPESamplerOptions options)
    : m_options(options)
    , m_uniBelow(estimatorOptions(options, ParzenBandwidth::NeighborGap))
    , m_uniAbove(estimatorOptions(options, ParzenBandwidth::NeighborGap))
    , m_multiBelow(estimatorOptions(options, ParzenBandwidth::Scott))
    , m_multiAbove(estimatorOptions(options, ParzenBandwidth::Scott))
{
    if (m_options.nStartupTrials < 0)
        throw std::invalid_argument("TPESampler::TPESampler(): nStartupTrials must be >= 0");
    if (m_options.nEiCandidates < 0)
        throw std::invalid_argument("TPESampler::TPESampler(): nEiCandidates must be >= 0 (0: automatic)");
    if (!(m_options.priorWeight >= 0.0) || !std::isfinite(m_options.priorWeight))
        throw std::invalid_argument("TPESampler::TPESampler(): priorWeight must be a finite number >= 0");
    if (!(m_options.magicClipExponent > 0.0) || !(m_options.minBandwidth > 0.0 && m_options.minBandwidth <= 1.0))
        throw std::invalid_argument(
            "TPESampler::TPESampler(): magicClipExponent must be > 0 and minBandwidth in (0, 1]");
    if (!(m_options.gammaFraction > 0.0 && m_options.gammaFraction <= 1.0))
        throw std::invalid_argument("TPESampler::TPESampler(): gammaFraction must be in (0, 1]");
    if (m_options.gammaCap < 1)
        throw std::invalid_argument("TPESampler::TPESampler(): gammaCap must be >= 1");
}

int TPESampler::gamma(int n) const
{
    const auto g = static_cast<int>(std::ceil(m_options.gammaFraction * n - 1e-9));
    return std::min({g, m_options.gammaCap, n});
}

void TPESampler::recencyWeights(int n, Eigen::VectorXd& out)
{
    out.setOnes(n);
    const int ramp = n - 25;
    if (ramp <= 0)
        return;
    const double start = 1.0 / n;
    for (int i = 0; i < ramp; ++i)
        out(i) = ramp == 1 ? start : start + i * (1.0 - start) / (ramp - 1);
}

void TPESampler::weightsFor(int count, Eigen::VectorXd& out) const
{
    if (m_options.recencyWeights)
        recencyWeights(count, out);
    else
        out.setOnes(count);
}

bool TPESampler::score(const FrozenTrial& t, const FrozenTrial& current, double sign, Ranked& out) const
{
    if (t.number == current.number)
        return false;
    switch (t.state) {
    case TrialState::Complete:
        if (!t.value)
            return false;
        out.stepKey = -kInf;
        out.loss = std::isnan(*t.value) ? kInf : sign * *t.value;
        return true;
    case TrialState::Pruned:
        if (!m_options.usePrunedTrials)
            return false;
        if (t.intermediate.empty()) {
            out.stepKey = kInf;  // after every pruned trial that reported a step
            out.loss = 0.0;
        } else {
            const auto& [step, v] = *t.intermediate.rbegin();
            out.stepKey = -static_cast<double>(step);
            out.loss = std::isnan(v) ? kInf : sign * v;
        }
        return true;
    case TrialState::Running:
        if (!m_options.constantLiar)
            return false;
        out.stepKey = kInf;  // last of all
        out.loss = kInf;
        out.liar = true;
        return true;
    case TrialState::Waiting:
    case TrialState::Failed:
        return false;
    }
    return false;
}

TPESampler::Split TPESampler::splitRanked(std::vector<Ranked>& ranked, std::size_t trialCount) const
{
    Split s;
    // Liars count for g(x) but not for n: gamma and the startup phase see finished trials.
    s.counted = static_cast<int>(std::count_if(ranked.begin(), ranked.end(),
                                               [](const Ranked& r) { return !r.liar; }));
    s.side.assign(trialCount, 0);
    for (const Ranked& r : ranked)
        s.side[r.index] = 2;
    // Only the best gamma(n) need ranking (liars rank last): a selection, then each side in
    // trial order, without sorting the whole history.
    const auto nBelow = static_cast<size_t>(gamma(s.counted));
    auto better = [](const Ranked& a, const Ranked& b) {
        if (a.stepKey != b.stepKey)
            return a.stepKey < b.stepKey;
        if (a.loss != b.loss)
            return a.loss < b.loss;
        return a.number < b.number;
    };
    if (nBelow < ranked.size())
        std::nth_element(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(nBelow),
                         ranked.end(), better);
    for (size_t i = 0; i < nBelow; ++i)
        s.side[ranked[i].index] = 1;
    s.below.reserve(nBelow);
    s.above.reserve(ranked.size() - nBelow);
    for (size_t i = 0; i < trialCount; ++i) {
        if (s.side[i] == 1)
            s.below.push_back(i);
        else if (s.side[i] == 2)
            s.above.push_back(i);
    }
    return s;
}

TPESampler::Split TPESampler::split(const StudyView& study, const FrozenTrial& trial) const
{
    const double sign = study.direction() == StudyDirection::Minimize ? 1.0 : -1.0;
    const auto& trials = study.trials();
    std::vector<Ranked> ranked;
    ranked.reserve(trials.size());
    for (size_t i = 0; i < trials.size(); ++i) {
        Ranked r{0.0, 0.0, trials[i].number, i, false};
        if (score(trials[i], trial, sign, r))
            ranked.push_back(r);
    }
    return splitRanked(ranked, trials.size());
}


const TPESampler::Split& TPESampler::cachedSplit(const StudyView& study, const FrozenTrial& trial)
{
    // The snapshot does not change during one ask, so the parameters of one trial share a
    // split; the fingerprint (every trial's id, state, value and last step) guards reuse.
    const auto& trials = study.trials();
    std::uint64_t h = 0x9E3779B97F4A7C15ull ^ static_cast<std::uint64_t>(trials.size());
    auto mix = [&h](std::uint64_t v) {
        h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
    };
    for (const FrozenTrial& t : trials) {
        mix(static_cast<std::uint64_t>(t.id));
        mix(static_cast<std::uint64_t>(t.state));
        if (t.value)
            mix(std::bit_cast<std::uint64_t>(*t.value));
        if (!t.intermediate.empty()) {
            mix(static_cast<std::uint64_t>(t.intermediate.rbegin()->first));
            mix(std::bit_cast<std::uint64_t>(t.intermediate.rbegin()->second));
        }
    }
    mix(study.direction() == StudyDirection::Minimize ? 1 : 2);
    if (m_splitValid && m_splitView == &study && m_splitTrial == trial.number && m_splitHash == h)
        return m_split;

    const double sign = study.direction() == StudyDirection::Minimize ? 1.0 : -1.0;
    m_ranked.clear();
    for (size_t i = 0; i < trials.size(); ++i) {
        Ranked r{0.0, 0.0, trials[i].number, i, false};
        if (score(trials[i], trial, sign, r))
            m_ranked.push_back(r);
    }
    m_split = splitRanked(m_ranked, trials.size());
    m_splitValid = true;
    m_splitView = &study;
    m_splitTrial = trial.number;
    m_splitHash = h;
    return m_split;
}

TPESampler::Column& TPESampler::columnFor(const StudyView& study, std::string_view name,
                                          const Distribution& dist)
{
    // Finished trials never change (the storage contract), so their values are read once,
    // each kept with the id of the trial it came from, and also kept sorted by value.
    auto it = m_columns.find(name);
    if (it == m_columns.end())
        it = m_columns.emplace(std::string(name), Column{}).first;
    Column& col = it->second;
    const auto& trials = study.trials();
    bool stale = !(col.dist == dist) || col.ids.size() > trials.size();
    for (size_t i = 0; i < col.ids.size() && !stale; ++i)
        stale = col.ids[i] >= 0 && col.ids[i] != trials[i].id;  // another study's history
    if (stale) {
        col = Column{};
        col.dist = dist;
    }
    col.values.resize(trials.size(), std::numeric_limits<double>::quiet_NaN());
    col.ids.resize(trials.size(), -1);
    const size_t sortedBefore = col.sorted.size();
    const std::string& key = it->first;
    for (size_t i = 0; i < trials.size(); ++i) {
        const FrozenTrial& t = trials[i];
        if (col.ids[i] >= 0)
            continue;
        double v = 0.0;
        const bool usable = observation(t, key, dist, v);
        col.values[i] = usable ? v : std::numeric_limits<double>::quiet_NaN();
        if (isFinished(t.state) && t.id >= 0) {
            col.ids[i] = t.id;
            if (usable)
                col.sorted.emplace_back(v, static_cast<std::uint32_t>(i));
        }
    }
    if (col.sorted.size() != sortedBefore) {
        const auto mid = col.sorted.begin() + static_cast<std::ptrdiff_t>(sortedBefore);
        std::sort(mid, col.sorted.end());
        std::inplace_merge(col.sorted.begin(), mid, col.sorted.end());
    }
    return col;
}

Eigen::Index TPESampler::chooseCandidate(ParzenEstimator& below, ParzenEstimator& above,
                                         const std::vector<Distribution>& dims, int candidates,
                                         Random& rng, Eigen::VectorXd& best)
{
    below.fit(dims, m_obsBelow, m_wBelow);
    above.fit(dims, m_obsAbove, m_wAbove);
    below.sample(rng, candidates, m_candidates);
    below.logPdf(m_candidates, m_logL);
    above.logPdf(m_candidates, m_logG);
    Eigen::Index winner = 0;
    double top = -kInf;
    for (Eigen::Index c = 0; c < m_candidates.cols(); ++c) {
        const double s = m_logL(c) - m_logG(c);
        if (s > top) {
            top = s;
            winner = c;
        }
    }
    best = m_candidates.col(winner);
    return winner;
}

TPESnapshot& TPESampler::pendingSnapshot(const StudyView& study, const FrozenTrial& trial)
{
    int attempt = 0;
    if (auto it = trial.systemAttrs.find("resample"); it != trial.systemAttrs.end())
        attempt = std::stoi(it->second);
    auto it = std::find_if(m_pending.begin(), m_pending.end(), [&](const Pending& p) {
        return p.view == &study && p.snapshot.trial == trial.number;
    });
    if (it == m_pending.end()) {
        if (m_pending.size() >= kPendingCap)
            m_pending.erase(m_pending.begin());
        m_pending.push_back({&study, {}});
        it = m_pending.end() - 1;
    } else if (it->snapshot.attempt == attempt) {
        return it->snapshot;
    }
    // A new suggestion, or the duplicate guard's next attempt: its draws replace the last.
    TPESnapshot& snap = it->snapshot;
    snap = TPESnapshot{};
    snap.trial = trial.number;
    snap.seed = m_options.seed;
    snap.attempt = attempt;
    snap.gammaFraction = m_options.gammaFraction;
    snap.gammaCap = m_options.gammaCap;
    snap.recencyWeights = m_options.recencyWeights;
    snap.setEstimator(estimatorOptions(m_options, ParzenBandwidth::NeighborGap));
    return snap;
}

TPESnapshot::Split TPESampler::snapshotSplit(const StudyView& study, const Split& s)
{
    const auto& trials = study.trials();
    TPESnapshot::Split out;
    out.counted = s.counted;
    out.below.reserve(s.below.size());
    for (size_t idx : s.below)
        out.below.push_back(trials[idx].number);
    // g(x)'s trials in number order are a few runs: every scored trial but the good ones.
    for (size_t idx : s.above) {
        const int n = trials[idx].number;
        if (!out.above.empty() && out.above.back().second + 1 == n)
            out.above.back().second = n;
        else
            out.above.emplace_back(n, n);
        if (trials[idx].state == TrialState::Running)
            out.running.push_back(n);
    }
    return out;
}

TPESnapshot::Group TPESampler::snapshotGroup(bool multivariate, std::vector<std::string> params,
                                            Eigen::Index winner) const
{
    TPESnapshot::Group g;
    g.multivariate = multivariate;
    g.params = std::move(params);
    g.bandwidth = multivariate ? "scott" : "neighbor_gap";
    g.candidatesDrawn = static_cast<int>(m_candidates.cols());
    const auto column = [this](Eigen::Index c) {
        return std::vector<double>(m_candidates.col(c).data(), m_candidates.col(c).data() + m_candidates.rows());
    };
    g.point = column(winner);
    g.logL = m_logL(winner);
    g.logG = m_logG(winner);
    g.score = g.logL - g.logG;
    for (Eigen::Index c = 0; c < m_candidates.cols(); ++c)
        if (c != winner)
            g.candidates.push_back({column(c), m_logL(c) - m_logG(c)});
    TPESnapshot::sortCandidates(g);
    return g;
}

double TPESampler::sampleIndependent(const StudyView& study, const FrozenTrial& trial,
                                     std::string_view name, const Distribution& dist)
{
    if (const auto err = dist.validationError(); !err.empty())
        throw std::invalid_argument("TPESampler::sampleIndependent(): " + std::string(name) + ": " + err);
    std::lock_guard lock(m_mutex);
    Random rng = trialStream(m_options.seed, trial, name);
    if (isSingle(dist))
        return dist.fromUnit(0.5);

    const Split& s = cachedSplit(study, trial);
    if (s.counted < m_options.nStartupTrials)
        return dist.fromUnit(rng.uniform01());

    const Column& col = columnFor(study, name, dist);
    const std::vector<double>& column = col.values;
    auto gather = [&](const std::vector<size_t>& side, Eigen::MatrixXd& obs, Eigen::VectorXd& w) {
        obs.resize(1, static_cast<Eigen::Index>(side.size()));
        Eigen::Index n = 0;
        for (size_t idx : side)
            if (!std::isnan(column[idx]))
                obs(0, n++) = column[idx];
        obs.conservativeResize(1, n);
        weightsFor(static_cast<int>(n), w);
    };
    gather(s.below, m_obsBelow, m_wBelow);
    gather(s.above, m_obsAbove, m_wAbove);
    // g(x) has most of the history: hand it over in ascending order (from the column's
    // sorted cache, each weight following its observation), so its fit skips the sort.
    // Only when every observation of that side is in the cache (liars are not).
    bool aboveSorted = false;
    if (m_obsAbove.cols() > 1) {
        m_rank.assign(study.trials().size(), -1);
        int rank = 0;
        for (size_t idx : s.above)
            if (!std::isnan(column[idx]))
                m_rank[idx] = rank++;
        m_sortedObs.resize(1, m_obsAbove.cols());
        m_sortedW.resize(m_obsAbove.cols());
        Eigen::Index q = 0;
        for (const auto& [v, idx] : col.sorted) {
            if (m_rank[idx] < 0 || q == m_sortedObs.cols())
                continue;
            m_sortedObs(0, q) = v;
            m_sortedW(q++) = m_wAbove(m_rank[idx]);
        }
        if (q == m_obsAbove.cols()) {
            m_obsAbove.swap(m_sortedObs);
            m_wAbove.swap(m_sortedW);
            aboveSorted = true;
        }
    }

    const std::vector<Distribution> dims{dist};
    Eigen::VectorXd best;
    const Eigen::Index winner = chooseCandidate(m_uniBelow, m_uniAbove, dims,
                                                m_options.nEiCandidates > 0 ? m_options.nEiCandidates : 8, rng, best);

    // #16 "why this trial": the draw, and (once per suggestion) the shared split.
    TPESnapshot& snap = pendingSnapshot(study, trial);
    TPESnapshot::Group g = snapshotGroup(false, {std::string(name)}, winner);
    g.aboveSorted = aboveSorted;
    auto shared = std::find_if(snap.groups.begin(), snap.groups.end(),
                               [](const TPESnapshot::Group& x) { return !x.multivariate; });
    if (shared != snap.groups.end()) {
        g.split = shared->split;
    } else {
        g.split = static_cast<int>(snap.splits.size());
        snap.splits.push_back(snapshotSplit(study, s));
    }
    // Only running trials can lack a value now and have one later (liars are all above).
    if (!snap.splits[static_cast<size_t>(g.split)].running.empty()) {
        const auto& trials = study.trials();
        for (size_t idx : s.above)
            if (std::isnan(column[idx]) && !isFinished(trials[idx].state))
                g.missing.push_back(trials[idx].number);
    }
    auto same = std::find_if(snap.groups.begin(), snap.groups.end(),
                             [&](const TPESnapshot::Group& x) { return x.params == g.params; });
    if (same != snap.groups.end())
        *same = std::move(g);
    else
        snap.groups.push_back(std::move(g));
    return dist.snap(best(0));
}

SearchSpace TPESampler::relativeSearchSpace(const StudyView& study, const FrozenTrial&)
{
    if (!m_options.multivariate)
        return {};
    return m_intersection.calculate(study);
}

ParamValues TPESampler::sampleRelative(const StudyView& study, const FrozenTrial& trial,
                                       const SearchSpace& space)
{
    if (space.empty())
        return {};
    std::lock_guard lock(m_mutex);
    std::vector<Distribution> dims;
    std::vector<std::string> names;
    for (const ParamSpec& p : space.params()) {
        if (const auto err = p.distribution.validationError(); !err.empty())
            throw std::invalid_argument("TPESampler::sampleRelative(): " + p.name + ": " + err);
        names.push_back(p.name);
        dims.push_back(p.distribution);
    }
    const auto d = static_cast<Eigen::Index>(dims.size());

    std::vector<const std::vector<double>*> columns;
    for (Eigen::Index j = 0; j < d; ++j)
        columns.push_back(&columnFor(study, names[static_cast<size_t>(j)], dims[static_cast<size_t>(j)]).values);

    const double sign = study.direction() == StudyDirection::Minimize ? 1.0 : -1.0;
    const auto& trials = study.trials();
    m_ranked.clear();
    for (size_t i = 0; i < trials.size(); ++i) {
        Ranked r{0.0, 0.0, trials[i].number, i, false};
        if (!score(trials[i], trial, sign, r))
            continue;
        bool all = true;
        for (Eigen::Index j = 0; j < d && all; ++j)
            all = !std::isnan((*columns[static_cast<size_t>(j)])[i]);
        if (all)
            m_ranked.push_back(r);
    }
    const Split s = splitRanked(m_ranked, trials.size());
    if (s.counted < m_options.nStartupTrials)
        return {};
    Random rng = trialStream(m_options.seed, trial, kRelativePurpose);
    auto gather = [&](const std::vector<size_t>& side, Eigen::MatrixXd& obs, Eigen::VectorXd& w) {
        obs.resize(d, static_cast<Eigen::Index>(side.size()));
        for (size_t c = 0; c < side.size(); ++c)
            for (Eigen::Index j = 0; j < d; ++j)
                obs(j, static_cast<Eigen::Index>(c)) = (*columns[static_cast<size_t>(j)])[side[c]];
        weightsFor(static_cast<int>(side.size()), w);
    };
    gather(s.below, m_obsBelow, m_wBelow);
    gather(s.above, m_obsAbove, m_wAbove);

    Eigen::VectorXd best;
    const Eigen::Index winner = chooseCandidate(m_multiBelow, m_multiAbove, dims,
                                                m_options.nEiCandidates > 0 ? m_options.nEiCandidates : 24, rng, best);
    TPESnapshot& snap = pendingSnapshot(study, trial);
    std::erase_if(snap.groups, [](const TPESnapshot::Group& x) { return x.multivariate; });
    TPESnapshot::Group g = snapshotGroup(true, names, winner);
    g.split = static_cast<int>(snap.splits.size());
    snap.splits.push_back(snapshotSplit(study, s));
    snap.groups.insert(snap.groups.begin(), std::move(g));
    ParamValues out;
    for (Eigen::Index j = 0; j < d; ++j)
        out[names[static_cast<size_t>(j)]] = dims[static_cast<size_t>(j)].snap(best(j));
    return out;
}

std::string TPESampler::samplingMethod(const StudyView& study, const FrozenTrial& trial)
{
    // The start-up trials are sampled uniformly (see sampleIndependent).
    std::lock_guard lock(m_mutex);
    return cachedSplit(study, trial).counted < m_options.nStartupTrials ? "random" : "tpe";
}

std::string TPESampler::suggestionSnapshot(const StudyView& study, const FrozenTrial& trial)
{
    std::lock_guard lock(m_mutex);
    auto it = std::find_if(m_pending.begin(), m_pending.end(), [&](const Pending& p) {
        return p.view == &study && p.snapshot.trial == trial.number;
    });
    if (it == m_pending.end())
        return {};
    std::string json = it->snapshot.groups.empty() ? std::string() : it->snapshot.toJson();
    m_pending.erase(it);
    return json;
}

} // namespace tw
