#include "study/Study.h"

#include "samplers/FiniteSampler.h"
#include "study/TrialOwner.h"

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

int requeues(const FrozenTrial& t)
{
    auto it = t.systemAttrs.find("requeues");
    if (it == t.systemAttrs.end())
        return 0;
    try {
        return std::stoi(it->second);
    } catch (const std::exception&) {
        return 0;
    }
}

TrialOwner::Liveness ownerLiveness(const FrozenTrial& t)
{
    auto it = t.systemAttrs.find(TrialOwner::attrKey());
    if (it == t.systemAttrs.end())
        return TrialOwner::Liveness::Unknown;
    const auto owner = TrialOwner::fromJson(it->second);
    return owner ? owner->liveness() : TrialOwner::Liveness::Unknown;
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
    if (m_options.flushInterval.count() < 0)
        throw std::invalid_argument("Study::Study(): flushInterval must be >= 0");
    m_finite = dynamic_cast<FiniteSampler*>(m_sampler.get());
    m_startedAt = m_clock();
    m_writes = std::make_unique<TrialWriteBuffer>(m_storage, m_options.flushInterval);
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
    if (timeUp()) {
        m_stopReason = StopReason::Timeout;
        return std::nullopt;
    }

    FrozenTrial trial;
    bool created = false;
    const std::string owner = TrialOwner::self().toJson();
    auto claim = [&] {
        auto claimed = m_storage.claimWaitingTrial(m_record.id, m_clock());
        if (!claimed)
            return false;
        trial = std::move(*claimed);
        m_storage.setTrialSystemAttr(trial.id, TrialOwner::attrKey(), owner);
        trial.systemAttrs[TrialOwner::attrKey()] = owner;
        return true;
    };
    if (!claim()) {
        std::optional<long long> maxSampled;
        if (m_finite) {
            m_askView.refresh();
            if (m_finite->exhausted(m_askView)) {
                m_stopReason = StopReason::GridExhausted;
                return std::nullopt;
            }
            maxSampled = m_finite->pointCount(m_askView);
        }
        FrozenTrial fresh;
        fresh.state = TrialState::Running;
        fresh.started = m_clock();
        fresh.systemAttrs[TrialOwner::attrKey()] = owner;
        // The storage checks the budget and the grid's size as it inserts: when workers
        // race for the last slots or points, the losers create nothing.
        auto made = m_storage.createTrial(m_record.id, fresh, m_options.maxTrials, maxSampled);
        if (made) {
            trial = std::move(*made);
            created = true;
        } else if (reclaimLocked().empty() || !claim()) {
            // (Trials of dead owners held the last slots: their copies run here.)
            m_askView.refresh();
            m_stopReason = m_finite && m_finite->exhausted(m_askView) ? StopReason::GridExhausted
                                                                       : StopReason::TrialBudget;
            return std::nullopt;
        }
    }
    m_askView.refresh();

    if (created && m_finite && !m_finite->hasPointFor(m_askView, trial)) {
        // Only a storage that ignores maxSampled gets here.
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
        const std::string method = m_sampler->samplingMethod(m_askView, trial);
        if (!method.empty()) {
            const std::string json = "\"" + method + "\"";
            m_storage.setTrialSystemAttr(trial.id, "sampler_method", json);
            trial.systemAttrs["sampler_method"] = json;
        }
        // #16: what the suggestion was made from, as "gp_snapshot" or "tpe_snapshot".
        if (const std::string snapshot = m_sampler->suggestionSnapshot(m_askView, trial);
            !snapshot.empty() && !method.empty()) {
            m_storage.setTrialSystemAttr(trial.id, method + "_snapshot", snapshot);
            trial.systemAttrs[method + "_snapshot"] = snapshot;
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

bool Study::tell(const FrozenTrial& trial, double value, FrozenTrial* told)
{
    if (std::isnan(value))
        return tell(trial, TrialState::Failed, std::nullopt, "the objective returned NaN", told);
    return tell(trial, TrialState::Complete, value, {}, told);
}

bool Study::tell(const FrozenTrial& trial, TrialState state, std::optional<double> value,
                 const std::string& reason, FrozenTrial* told)
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
    // The trial's values and log first, so that a finished trial always has them all; a
    // storage failure here throws before the trial is finished.
    m_writes->flush();
    const bool finishedHere = m_storage.finishTrial(trial.id, state, value, why, m_clock());
    {
        std::lock_guard lock(m_readMutex);
        m_own.erase(trial.id);
        m_finished.insert(trial.id);
        ++m_tells;
    }
    if (!finishedHere)
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
    if (state == TrialState::Failed && m_options.retryFailed) {
        retry(finished);
        if (told)  // retry() may have marked it "retried"
            *told = m_storage.trial(trial.id);
    } else if (told) {
        *told = std::move(finished);
    }
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
    // TSan's slower scheduling: tst_studyloop's retry test lost its retry). Another
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
    auto finishedError = [&] {
        return StorageError("Study::report(): trial " + std::to_string(trial.number) +
                            " is finished and takes no more values");
    };
    {
        std::lock_guard lock(m_readMutex);
        if (m_finished.count(trial.id) || m_writes->refused(trial.id))
            throw finishedError();
        auto [own, added] = m_own.try_emplace(trial.id);
        if (added)
            own->second = trial;  // one copy per trial; then one value per report
        own->second.intermediate[step] = value;
    }
    m_writes->report(trial.id, step, value);
    if (m_writes->interval().count() == 0 && m_writes->refused(trial.id))
        throw finishedError();
}

void Study::appendLog(const FrozenTrial& trial, const std::string& stream, const std::string& text)
{
    m_writes->appendLog(trial.id, stream, text);
}

void Study::flushWrites()
{
    m_writes->flush();
}

bool Study::shouldPrune(const FrozenTrial& trial)
{
    std::lock_guard lock(m_readMutex);
    if (!m_pruner) {
        // Nothing to read but the trial's state: a trial finished elsewhere is learned
        // from the next flush, which refuses its values (within one interval).
        return m_finished.count(trial.id) > 0 || m_writes->refused(trial.id);
    }
    // Called every epoch: the storage is read at most once per flush interval (its other
    // writers' values are that old anyway), and at once after this Study told a trial, so
    // a lone worker's pruner always sees every trial finished before this one.
    const auto now = std::chrono::steady_clock::now();
    auto refresh = [&] {
        m_readView.refresh();
        m_pruneRefreshedAt = now;
        m_tellsAtPruneRefresh = m_tells.load();
    };
    if (m_tellsAtPruneRefresh != m_tells.load() || now - m_pruneRefreshedAt >= m_options.flushInterval)
        refresh();
    const FrozenTrial* t = m_readView.byNumber(trial.number);
    if (!t && m_pruneRefreshedAt != now) {  // created since the last read
        refresh();
        t = m_readView.byNumber(trial.number);
    }
    if (!t || t->id != trial.id)
        return false;
    if (t->state != TrialState::Running || m_finished.count(trial.id) || m_writes->refused(trial.id))
        return true;
    if (!m_pruner)
        return false;
    const auto own = m_own.find(trial.id);
    return m_pruner->shouldPrune(m_readView, own == m_own.end() ? *t : own->second);
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
    m_writes->heartbeat(trial.id, m_clock());
}

std::vector<FrozenTrial> Study::failStaleTrials()
{
    return failStaleTrials(m_clock());
}

std::vector<FrozenTrial> Study::failStaleTrials(TimePoint now)
{
    m_writes->flush();  // this process's heartbeats first: its own trials are alive
    std::vector<FrozenTrial> stale = m_storage.failStaleTrials(m_record.id, now, m_options.grace);
    if (stale.empty())
        return stale;
    std::lock_guard lock(m_askMutex);
    for (const FrozenTrial& t : stale) {
        // Failed by the storage in one step: marked only now (a crash in between leaves it
        // failed and counted, and its slot is not run twice).
        if (requeues(t) >= maxRequeues)
            continue;  // stays failed and counts
        m_storage.setTrialSystemAttr(t.id, "retried", "true");
        queueCopyLocked(t, true);
    }
    return stale;
}

std::vector<FrozenTrial> Study::reclaimDeadOwners()
{
    std::lock_guard lock(m_askMutex);
    return reclaimLocked();
}

std::vector<FrozenTrial> Study::reclaimLocked()
{
    m_askView.refresh();
    std::vector<FrozenTrial> dead;
    for (const FrozenTrial& t : m_askView.trials())
        if (t.state == TrialState::Running && ownerLiveness(t) == TrialOwner::Liveness::Dead)
            dead.push_back(t);
    std::vector<FrozenTrial> out;
    for (const FrozenTrial& t : dead)
        if (requeueLocked(t, "owner process died", true))
            out.push_back(m_storage.trial(t.id));
    return out;
}

std::vector<FrozenTrial> Study::unprovenRunningTrials()
{
    std::lock_guard lock(m_askMutex);
    m_askView.refresh();
    std::vector<FrozenTrial> out;
    for (const FrozenTrial& t : m_askView.trials())
        if (t.state == TrialState::Running && ownerLiveness(t) == TrialOwner::Liveness::Unknown)
            out.push_back(t);
    return out;
}

bool Study::hasWaitingTrials()
{
    std::lock_guard lock(m_askMutex);
    m_askView.refresh();
    for (const FrozenTrial& t : m_askView.trials())
        if (t.state == TrialState::Waiting)
            return true;
    return false;
}

bool Study::requeue(const FrozenTrial& trial, const std::string& reason, bool death)
{
    std::lock_guard lock(m_askMutex);
    return requeueLocked(trial, reason, death);
}

bool Study::requeueLocked(const FrozenTrial& trial, const std::string& reason, bool death)
{
    const FrozenTrial current = m_storage.trial(trial.id);
    if (current.state != TrialState::Running)
        return false;
    const bool again = !death || requeues(current) < maxRequeues;
    if (again)
        m_storage.setTrialSystemAttr(trial.id, "retried", "true");
    std::string why = reason;
    if (!again)
        why += " (" + std::to_string(maxRequeues) + " times in a row: not run again)";
    if (!m_storage.finishTrial(trial.id, TrialState::Failed, std::nullopt, why, m_clock()))
        return false;
    m_askView.refresh();
    const FrozenTrial* t = m_askView.byNumber(trial.number);
    const FrozenTrial failed = t && t->id == trial.id ? *t : m_storage.trial(trial.id);
    m_sampler->afterTrial(m_askView, failed);
    if (again)
        queueCopyLocked(failed, death);
    return true;
}

// `failed` is Failed and marked "retried": its copy takes the slot it freed.
void Study::queueCopyLocked(const FrozenTrial& failed, bool death)
{
    FrozenTrial again;
    again.state = TrialState::Waiting;
    again.params = failed.params;
    again.distributions = failed.distributions;
    for (const char* key : {"retry_of", "retry_attempt", "enqueued"})
        if (auto it = failed.systemAttrs.find(key); it != failed.systemAttrs.end())
            again.systemAttrs[key] = it->second;
    again.systemAttrs["requeue_of"] = std::to_string(failed.number);
    again.systemAttrs["requeues"] = std::to_string(requeues(failed) + (death ? 1 : 0));
    again.userAttrs = failed.userAttrs;
    m_storage.createTrial(m_record.id, again, m_options.maxTrials);
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

void Study::visitTrials(const std::function<void(const FrozenTrial&)>& visit)
{
    std::lock_guard lock(m_readMutex);
    m_readView.refresh();
    for (const FrozenTrial& t : m_readView.trials())
        visit(t);
}

} // namespace tw
