#include "study/Study.h"

#include "samplers/FiniteSampler.h"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace tw {

namespace {

SearchSpace validated(SearchSpace space)
{
    if (auto err = space.validate(); !err.empty())
        throw std::invalid_argument("Study::Study(): search space: " + err);
    return space;
}

std::string attempts(const FrozenTrial& t)
{
    auto it = t.systemAttrs.find("retry_attempt");
    return it == t.systemAttrs.end() ? std::string("0") : it->second;
}

} // namespace

Study::Study(StudyStorage& storage, StudyRecord record, SearchSpace space,
             std::shared_ptr<Sampler> sampler, std::shared_ptr<const Pruner> pruner,
             StudyOptions options)
    : m_storage(storage)
    , m_record(std::move(record))
    , m_space(validated(std::move(space)))
    , m_sampler(std::move(sampler))
    , m_pruner(std::move(pruner))
    , m_options(std::move(options))
    , m_clock(m_options.clock ? m_options.clock : [] { return Clock::now(); })
    , m_askView(storage, m_record.id, m_record.direction, m_space)
    , m_readView(storage, m_record.id, m_record.direction, m_space)
{
    if (!m_sampler)
        throw std::invalid_argument("Study::Study(): a sampler is required");
    if (m_record.id < 0)
        throw std::invalid_argument("Study::Study(): the study record has no id (create it in the storage first)");
    if (m_options.maxTrials && *m_options.maxTrials < 0)
        throw std::invalid_argument("Study::Study(): maxTrials must be >= 0");
    if (m_options.maxRetries < 0 || m_options.duplicateResamples < 0)
        throw std::invalid_argument("Study::Study(): maxRetries and duplicateResamples must be >= 0");
    m_finite = dynamic_cast<FiniteSampler*>(m_sampler.get());
    m_startedAt = m_clock();
}

Study::~Study() = default;

bool Study::timeUp() const
{
    return m_options.timeout && m_clock() - m_startedAt >= *m_options.timeout;
}

std::optional<FrozenTrial> Study::ask()
{
    std::lock_guard lock(m_askMutex);
    auto trial = askLocked();
    m_stopReason = trial ? StopReason::None : m_stopReason.load();
    return trial;
}

std::optional<FrozenTrial> Study::askLocked()
{
    if (m_stopRequested) {
        m_stopReason = StopReason::Stopped;
        return std::nullopt;
    }
    if (timeUp()) {
        m_stopReason = StopReason::Timeout;
        return std::nullopt;
    }

    FrozenTrial trial;
    bool created = false;
    if (auto claimed = m_storage.claimWaitingTrial(m_record.id, m_clock())) {
        trial = std::move(*claimed);
    } else {
        if (m_finite) {
            m_askView.refresh();
            if (m_finite->exhausted(m_askView)) {
                m_stopReason = StopReason::GridExhausted;
                return std::nullopt;
            }
        }
        FrozenTrial fresh;
        fresh.state = TrialState::Running;
        fresh.started = m_clock();
        auto made = m_storage.createTrial(m_record.id, fresh, m_options.maxTrials);
        if (!made) {
            m_stopReason = StopReason::TrialBudget;
            return std::nullopt;
        }
        trial = std::move(*made);
        created = true;
    }
    m_askView.refresh();

    if (created && m_finite && !m_finite->hasPointFor(m_askView, trial)) {
        // Another worker took the last point between our check and our creation.
        m_storage.setTrialSystemAttr(trial.id, "discarded", "true");
        m_storage.finishTrial(trial.id, TrialState::Failed, std::nullopt,
                              "discarded: the grid was exhausted", m_clock());
        m_stopReason = StopReason::GridExhausted;
        return std::nullopt;
    }

    // Given params (enqueued, retried) outside this search space are ignored.
    ParamValues given;
    for (const auto& [name, value] : trial.params)
        if (m_space.find(name))
            given[name] = value;
    bool sampledAny = false;
    const ParamValues chosen = sampleParams(trial, given, &sampledAny);

    trial.params.clear();
    trial.distributions.clear();
    std::vector<StudyStorage::TrialParam> sampled;
    for (const auto& [name, value] : chosen) {
        const Distribution& dist = m_space.find(name)->distribution;
        auto g = given.find(name);
        if (g == given.end() || g->second != value)
            sampled.push_back({name, value, dist});
        trial.params[name] = value;
        trial.distributions[name] = dist;
    }
    // One write for all of them: on SQL storage each write is a transaction.
    if (!sampled.empty())
        m_storage.setTrialParams(trial.id, sampled);
    // #17: which method chose them (auto's choice, a GP's Sobol start-up...).
    if (sampledAny) {
        if (const std::string method = m_sampler->samplingMethod(m_askView, trial); !method.empty()) {
            const std::string json = "\"" + method + "\"";
            m_storage.setTrialSystemAttr(trial.id, "sampler_method", json);
            trial.systemAttrs["sampler_method"] = json;
        }
    }
    return trial;
}

ParamValues Study::sampleParams(const FrozenTrial& trial, const ParamValues& given, bool* sampledAny)
{
    FrozenTrial work = trial;
    ParamValues chosen;
    for (int attempt = 0; attempt <= m_options.duplicateResamples; ++attempt) {
        if (attempt > 0)
            work.systemAttrs["resample"] = std::to_string(attempt);
        work.params = given;
        const SearchSpace relSpace = m_sampler->relativeSearchSpace(m_askView, work);
        ParamValues relative;
        if (!relSpace.empty())
            relative = m_sampler->sampleRelative(m_askView, work, relSpace);

        chosen.clear();
        *sampledAny = false;
        for (const ParamSpec& p : m_space.params()) {
            if (!m_space.isActive(p, chosen))
                continue;
            if (auto g = given.find(p.name); g != given.end()) {
                chosen[p.name] = g->second;
                continue;
            }
            double v;
            if (auto r = relative.find(p.name); r != relative.end()) {
                v = r->second;
            } else {
                work.params = chosen;
                v = m_sampler->sampleIndependent(m_askView, work, p.name, p.distribution);
            }
            chosen[p.name] = p.distribution.contains(v) ? v : p.distribution.snap(v);
            *sampledAny = true;
        }
        if (!*sampledAny || !m_askView.hasFinishedParams(chosen))
            break;
    }
    return chosen;
}

bool Study::tell(const FrozenTrial& trial, double value)
{
    if (std::isnan(value))
        return tell(trial, TrialState::Failed, std::nullopt, "the objective returned NaN");
    return tell(trial, TrialState::Complete, value);
}

bool Study::tell(const FrozenTrial& trial, TrialState state, std::optional<double> value,
                 const std::string& reason)
{
    if (!isFinished(state))
        throw std::invalid_argument("Study::tell(): state must be complete, pruned or failed, got " +
                                    std::string(toString(state)));
    std::string why = reason;
    if (state == TrialState::Complete) {
        if (!value)
            throw std::invalid_argument("Study::tell(): a complete trial needs a value");
        if (std::isnan(*value)) {
            state = TrialState::Failed;
            why = reason.empty() ? "the objective returned NaN" : "the objective returned NaN: " + reason;
        }
    }
    if (state != TrialState::Complete)
        value.reset();
    if (!m_storage.finishTrial(trial.id, state, value, why, m_clock()))
        return false;

    FrozenTrial finished;
    {
        std::lock_guard lock(m_askMutex);
        m_askView.refresh();
        const FrozenTrial* t = m_askView.byNumber(trial.number);
        if (t && t->id == trial.id) {
            finished = *t;
            m_sampler->afterTrial(m_askView, *t);
        } else {
            finished = m_storage.trial(trial.id);
        }
    }
    if (state == TrialState::Failed && m_options.retryFailed)
        retry(finished);
    return true;
}

void Study::retry(const FrozenTrial& failed)
{
    if (m_options.maxRetries <= 0 || failed.systemAttrs.count("discarded"))
        return;
    const int attempt = std::stoi(attempts(failed));
    if (attempt >= m_options.maxRetries)
        return;
    // Marking first frees the failed trial's budget slot for its retry. Under the ask lock,
    // so that this process's other workers cannot take the slot in between (found under
    // TSan's slower scheduling: tst_studyoptimizer's retry test lost its retry). Another
    // process still may; the retry is then skipped, as docs/tuning-core.md says.
    std::lock_guard lock(m_askMutex);
    m_storage.setTrialSystemAttr(failed.id, "retried", "true");
    FrozenTrial again;
    again.state = TrialState::Waiting;
    again.params = failed.params;
    again.distributions = failed.distributions;
    again.systemAttrs["retry_of"] = std::to_string(failed.number);
    again.systemAttrs["retry_attempt"] = std::to_string(attempt + 1);
    if (auto it = failed.systemAttrs.find("enqueued"); it != failed.systemAttrs.end())
        again.systemAttrs["enqueued"] = it->second;
    m_storage.createTrial(m_record.id, again, m_options.maxTrials);
}

void Study::report(const FrozenTrial& trial, std::int64_t step, double value)
{
    m_storage.reportIntermediate(trial.id, step, value);
}

bool Study::shouldPrune(const FrozenTrial& trial)
{
    std::lock_guard lock(m_readMutex);
    m_readView.refresh();
    const FrozenTrial* t = m_readView.byNumber(trial.number);
    if (!t || t->id != trial.id)
        return false;
    if (t->state != TrialState::Running)
        return true;
    return m_pruner && m_pruner->shouldPrune(m_readView, *t);
}

std::optional<FrozenTrial> Study::enqueue(const ParamValues& params,
                                          const std::map<std::string, std::string>& userAttrs)
{
    for (const auto& [name, value] : params) {
        const ParamSpec* p = m_space.find(name);
        if (!p)
            throw std::invalid_argument("Study::enqueue(): '" + name + "' is not a parameter of the search space");
        if (!p->distribution.contains(value)) {
            std::ostringstream msg;
            msg << "Study::enqueue(): '" << name << "' = " << value << " is outside its "
                << Distribution::kindName(p->distribution.kind()) << " domain";
            throw std::invalid_argument(msg.str());
        }
        if (p->condition && !params.count(p->condition->parent))
            throw std::invalid_argument("Study::enqueue(): '" + name + "' is given without its parent '" +
                                        p->condition->parent + "'");
    }
    FrozenTrial t;
    t.state = TrialState::Waiting;
    for (const ParamSpec& p : m_space.params()) {
        auto it = params.find(p.name);
        if (it == params.end() || !m_space.isActive(p, params))
            continue;
        t.params[p.name] = it->second;
        t.distributions[p.name] = p.distribution;
    }
    t.userAttrs = userAttrs;
    t.systemAttrs["enqueued"] = "true";
    return m_storage.createTrial(m_record.id, t, m_options.maxTrials);
}

void Study::heartbeat(const FrozenTrial& trial)
{
    m_storage.heartbeat(trial.id, m_clock());
}

std::vector<FrozenTrial> Study::failStaleTrials()
{
    return failStaleTrials(m_clock());
}

std::vector<FrozenTrial> Study::failStaleTrials(TimePoint now)
{
    std::vector<FrozenTrial> stale = m_storage.failStaleTrials(m_record.id, now, m_options.grace);
    for (const FrozenTrial& t : stale)
        retry(t);
    return stale;
}

std::optional<FrozenTrial> Study::bestTrial()
{
    std::lock_guard lock(m_readMutex);
    m_readView.refresh();
    if (const FrozenTrial* b = m_readView.best())
        return *b;
    return std::nullopt;
}

std::vector<FrozenTrial> Study::trials()
{
    std::lock_guard lock(m_readMutex);
    m_readView.refresh();
    return m_readView.trials();
}

} // namespace tw
