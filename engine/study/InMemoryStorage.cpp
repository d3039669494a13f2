#include "study/InMemoryStorage.h"

#include <algorithm>
#include <sstream>

namespace tw {

struct InMemoryStorage::StudyData {
    StudyRecord record;
    std::vector<FrozenTrial> trials;        // index == number
    std::vector<std::int64_t> versions;     // change counter of each trial, by number
    std::map<std::int64_t, int> byVersion;  // the same, inverted: version -> number
    std::set<int> waiting;                  // numbers of Waiting trials, oldest first
    std::set<int> running;                  // numbers of Running trials
    int counted = 0;                        // trials that count toward the budget
    long long sampled = 0;                  // sampled trials (isSampledTrial)
};

namespace {

std::string idText(std::int64_t id)
{
    return std::to_string(id);
}

} // namespace

InMemoryStorage::InMemoryStorage() = default;
InMemoryStorage::~InMemoryStorage() = default;

InMemoryStorage::StudyData& InMemoryStorage::studyLocked(std::int64_t studyId, const char* method)
{
    auto it = m_studies.find(studyId);
    if (it == m_studies.end())
        throw StorageError(std::string("InMemoryStorage::") + method + "(): no study with id " +
                           idText(studyId));
    return *it->second;
}

InMemoryStorage::TrialLocation InMemoryStorage::locateLocked(std::int64_t trialId, const char* method)
{
    auto it = m_trialIndex.find(trialId);
    if (it == m_trialIndex.end())
        throw StorageError(std::string("InMemoryStorage::") + method + "(): no trial with id " +
                           idText(trialId));
    return it->second;
}

FrozenTrial& InMemoryStorage::runningOrWaitingLocked(std::int64_t trialId, const char* method,
                                                     TrialLocation* where)
{
    *where = locateLocked(trialId, method);
    FrozenTrial& t = where->study->trials[where->index];
    if (isFinished(t.state))
        throw StorageError(std::string("InMemoryStorage::") + method + "(): trial " +
                           std::to_string(t.number) + " is " + std::string(toString(t.state)) +
                           " and can no longer change");
    return t;
}

void InMemoryStorage::touchLocked(const TrialLocation& where)
{
    StudyData& s = *where.study;
    s.byVersion.erase(s.versions[where.index]);
    s.versions[where.index] = ++m_version;
    s.byVersion.emplace(m_version, static_cast<int>(where.index));
}

// --- studies ----------------------------------------------------------------------------

StudyRecord InMemoryStorage::createStudy(const StudyRecord& study)
{
    std::lock_guard lock(m_mutex);
    if (study.name.empty())
        throw StorageError("InMemoryStorage::createStudy(): a study needs a name");
    for (const auto& [id, data] : m_studies)
        if (data->record.name == study.name)
            throw StorageError("InMemoryStorage::createStudy(): a study named '" + study.name +
                               "' already exists");
    auto data = std::make_unique<StudyData>();
    data->record = study;
    data->record.id = m_nextStudyId++;
    StudyRecord out = data->record;
    m_studies.emplace(out.id, std::move(data));
    return out;
}

std::optional<StudyRecord> InMemoryStorage::findStudy(const std::string& name)
{
    std::lock_guard lock(m_mutex);
    for (const auto& [id, data] : m_studies)
        if (data->record.name == name)
            return data->record;
    return std::nullopt;
}

std::vector<StudyRecord> InMemoryStorage::studies()
{
    std::lock_guard lock(m_mutex);
    std::vector<StudyRecord> out;
    out.reserve(m_studies.size());
    for (const auto& [id, data] : m_studies)
        out.push_back(data->record);
    return out;
}

void InMemoryStorage::renameStudy(std::int64_t studyId, const std::string& newName)
{
    std::lock_guard lock(m_mutex);
    StudyData& s = studyLocked(studyId, "renameStudy");
    if (newName.empty())
        throw StorageError("InMemoryStorage::renameStudy(): a study needs a name");
    for (const auto& [id, data] : m_studies)
        if (id != studyId && data->record.name == newName)
            throw StorageError("InMemoryStorage::renameStudy(): a study named '" + newName +
                               "' already exists");
    s.record.name = newName;
}

void InMemoryStorage::deleteStudy(std::int64_t studyId)
{
    std::lock_guard lock(m_mutex);
    StudyData& s = studyLocked(studyId, "deleteStudy");
    std::set<std::int64_t> ids;
    for (const auto& t : s.trials) {
        ids.insert(t.id);
        m_trialIndex.erase(t.id);
    }
    auto dropKeys = [&ids](auto& map) {
        for (auto it = map.begin(); it != map.end();)
            it = ids.count(it->first.first) ? map.erase(it) : std::next(it);
    };
    dropKeys(m_logs);
    dropKeys(m_artifacts);
    m_studies.erase(studyId);
}

void InMemoryStorage::setStudySystemAttr(std::int64_t studyId, const std::string& key,
                                         const std::string& json)
{
    std::lock_guard lock(m_mutex);
    studyLocked(studyId, "setStudySystemAttr").record.systemAttrs[key] = json;
}

void InMemoryStorage::setStudyUserAttr(std::int64_t studyId, const std::string& key,
                                       const std::string& json)
{
    std::lock_guard lock(m_mutex);
    studyLocked(studyId, "setStudyUserAttr").record.userAttrs[key] = json;
}

// --- trials -----------------------------------------------------------------------------

std::optional<FrozenTrial> InMemoryStorage::createTrial(std::int64_t studyId, const FrozenTrial& trial,
                                                        std::optional<int> maxCounted,
                                                        std::optional<long long> maxSampled)
{
    for (const auto& [name, value] : trial.params)
        if (!trial.distributions.count(name))
            throw StorageError("InMemoryStorage::createTrial(): param '" + name +
                               "' has no distribution");
    if (trial.state == TrialState::Complete && !trial.value)
        throw StorageError("InMemoryStorage::createTrial(): a complete trial needs a value");

    std::lock_guard lock(m_mutex);
    StudyData& s = studyLocked(studyId, "createTrial");
    if (maxCounted && s.counted >= *maxCounted)
        return std::nullopt;
    if (maxSampled && isSampledTrial(trial) && s.sampled >= *maxSampled)
        return std::nullopt;

    FrozenTrial t = trial;
    t.id = m_nextTrialId++;
    t.number = static_cast<int>(s.trials.size());
    if (t.state != TrialState::Complete)
        t.value.reset();
    const TimePoint now = Clock::now();
    if (t.state != TrialState::Waiting && !t.started)
        t.started = now;
    if (isFinished(t.state) && !t.finished)
        t.finished = now;
    if (t.state == TrialState::Waiting)
        s.waiting.insert(t.number);
    if (t.state == TrialState::Running)
        s.running.insert(t.number);
    if (countsTowardBudget(t))
        ++s.counted;
    if (isSampledTrial(t))
        ++s.sampled;

    s.trials.push_back(t);
    s.versions.push_back(++m_version);
    s.byVersion.emplace(m_version, t.number);
    m_trialIndex[t.id] = TrialLocation{&s, s.trials.size() - 1};
    return t;
}

std::optional<FrozenTrial> InMemoryStorage::claimWaitingTrial(std::int64_t studyId, TimePoint now)
{
    std::lock_guard lock(m_mutex);
    StudyData& s = studyLocked(studyId, "claimWaitingTrial");
    if (s.waiting.empty())
        return std::nullopt;
    const int number = *s.waiting.begin();
    s.waiting.erase(s.waiting.begin());
    s.running.insert(number);
    FrozenTrial& t = s.trials[static_cast<std::size_t>(number)];
    t.state = TrialState::Running;
    t.started = now;
    touchLocked(TrialLocation{&s, static_cast<std::size_t>(number)});
    return t;
}

void InMemoryStorage::setParamsLocked(std::int64_t trialId, const std::vector<TrialParam>& params,
                                      const char* method)
{
    // Everything is checked before anything is written: the batch is all or nothing.
    TrialLocation where;
    FrozenTrial& t = runningOrWaitingLocked(trialId, method, &where);
    for (const TrialParam& p : params)
        if (std::string why = paramError(p); !why.empty())
            throw StorageError(std::string("InMemoryStorage::") + method + "(): " + why);
    if (params.empty())
        return;
    for (const TrialParam& p : params) {
        t.params[p.name] = p.internal;
        t.distributions.insert_or_assign(p.name, p.distribution);
    }
    touchLocked(where);
}

void InMemoryStorage::setTrialParam(std::int64_t trialId, const std::string& name, double internal,
                                    const Distribution& dist)
{
    std::lock_guard lock(m_mutex);
    setParamsLocked(trialId, {TrialParam{name, internal, dist}}, "setTrialParam");
}

void InMemoryStorage::setTrialParams(std::int64_t trialId, const std::vector<TrialParam>& params)
{
    std::lock_guard lock(m_mutex);
    setParamsLocked(trialId, params, "setTrialParams");
}

void InMemoryStorage::reportIntermediate(std::int64_t trialId, std::int64_t step, double value)
{
    std::lock_guard lock(m_mutex);
    TrialLocation where;
    FrozenTrial& t = runningOrWaitingLocked(trialId, "reportIntermediate", &where);
    t.intermediate[step] = value;
    touchLocked(where);
}

void InMemoryStorage::setTrialSystemAttr(std::int64_t trialId, const std::string& key,
                                         const std::string& json)
{
    std::lock_guard lock(m_mutex);
    const TrialLocation where = locateLocked(trialId, "setTrialSystemAttr");
    StudyData& s = *where.study;
    FrozenTrial& t = s.trials[where.index];
    const bool before = countsTowardBudget(t);
    const bool sampledBefore = isSampledTrial(t);
    t.systemAttrs[key] = json;
    s.counted += int(countsTowardBudget(t)) - int(before);
    s.sampled += int(isSampledTrial(t)) - int(sampledBefore);
    touchLocked(where);
}

void InMemoryStorage::setTrialUserAttr(std::int64_t trialId, const std::string& key,
                                       const std::string& json)
{
    std::lock_guard lock(m_mutex);
    const TrialLocation where = locateLocked(trialId, "setTrialUserAttr");
    where.study->trials[where.index].userAttrs[key] = json;
    touchLocked(where);
}

void InMemoryStorage::heartbeat(std::int64_t trialId, TimePoint now)
{
    std::lock_guard lock(m_mutex);
    const TrialLocation where = locateLocked(trialId, "heartbeat");
    FrozenTrial& t = where.study->trials[where.index];
    // A heartbeat may race with the trial's end (or its failing as stale): it is then moot.
    if (t.state != TrialState::Running)
        return;
    t.heartbeat = now;
    touchLocked(where);
}

bool InMemoryStorage::finishTrial(std::int64_t trialId, TrialState state, std::optional<double> value,
                                  const std::string& reason, TimePoint now)
{
    if (!isFinished(state))
        throw StorageError("InMemoryStorage::finishTrial(): state '" + std::string(toString(state)) +
                           "' is not a finished state");
    if (state == TrialState::Complete && !value)
        throw StorageError("InMemoryStorage::finishTrial(): a complete trial needs a value");
    std::lock_guard lock(m_mutex);
    const TrialLocation where = locateLocked(trialId, "finishTrial");
    StudyData& s = *where.study;
    FrozenTrial& t = s.trials[where.index];
    if (t.state != TrialState::Running)
        return false;
    const bool before = countsTowardBudget(t);
    t.state = state;
    t.value = state == TrialState::Complete ? value : std::nullopt;
    t.reason = reason;
    t.finished = now;
    s.running.erase(t.number);
    s.counted += int(countsTowardBudget(t)) - int(before);
    touchLocked(where);
    return true;
}

std::vector<FrozenTrial> InMemoryStorage::failStaleTrials(std::int64_t studyId, TimePoint now,
                                                          std::chrono::seconds grace)
{
    std::lock_guard lock(m_mutex);
    StudyData& s = studyLocked(studyId, "failStaleTrials");
    std::vector<FrozenTrial> failed;
    for (auto it = s.running.begin(); it != s.running.end();) {
        const auto index = static_cast<std::size_t>(*it);
        FrozenTrial& t = s.trials[index];
        const TimePoint last = t.heartbeat ? *t.heartbeat : t.started.value_or(now);
        if (last + grace >= now) {
            ++it;
            continue;
        }
        const bool before = countsTowardBudget(t);
        t.state = TrialState::Failed;
        t.value.reset();
        std::ostringstream why;
        why << "stale: no heartbeat for "
            << std::chrono::duration_cast<std::chrono::seconds>(now - last).count()
            << " s (grace " << grace.count() << " s)";
        t.reason = why.str();
        t.finished = now;
        s.counted += int(countsTowardBudget(t)) - int(before);
        touchLocked(TrialLocation{&s, index});
        failed.push_back(t);
        it = s.running.erase(it);
    }
    return failed;
}

FrozenTrial InMemoryStorage::trial(std::int64_t trialId)
{
    std::lock_guard lock(m_mutex);
    const TrialLocation where = locateLocked(trialId, "trial");
    return where.study->trials[where.index];
}

std::vector<FrozenTrial> InMemoryStorage::trials(std::int64_t studyId)
{
    std::lock_guard lock(m_mutex);
    return studyLocked(studyId, "trials").trials;
}

std::vector<FrozenTrial> InMemoryStorage::trialsChangedSince(std::int64_t studyId,
                                                             std::int64_t sinceVersion,
                                                             std::int64_t* newVersion)
{
    std::lock_guard lock(m_mutex);
    StudyData& s = studyLocked(studyId, "trialsChangedSince");
    // Walks only the changed trials, so a refresh costs O(changes), not O(trials).
    std::vector<int> numbers;
    for (auto it = s.byVersion.upper_bound(sinceVersion); it != s.byVersion.end(); ++it)
        numbers.push_back(it->second);
    std::sort(numbers.begin(), numbers.end());
    std::vector<FrozenTrial> out;
    out.reserve(numbers.size());
    for (int number : numbers)
        out.push_back(s.trials[static_cast<std::size_t>(number)]);
    if (newVersion)
        *newVersion = m_version;
    return out;
}

// --- logs and artifacts -----------------------------------------------------------------

std::vector<std::int64_t> InMemoryStorage::writeTrials(const std::vector<TrialWrites>& batch)
{
    for (const TrialWrites& w : batch)
        for (const auto& [stream, text] : w.logs)
            if (stream.empty() && !text.empty())
                throw StorageError("InMemoryStorage::writeTrials(): a log stream needs a name");
    std::lock_guard lock(m_mutex);
    std::vector<std::int64_t> refused;
    for (const TrialWrites& w : batch) {
        auto found = m_trialIndex.find(w.trialId);
        if (found == m_trialIndex.end()) {
            refused.push_back(w.trialId);  // gone with its study
            continue;
        }
        const TrialLocation where = found->second;
        FrozenTrial& t = where.study->trials[where.index];
        if (isFinished(t.state)) {
            if (!w.intermediate.empty() || w.heartbeat)
                refused.push_back(w.trialId);
        } else if (!w.intermediate.empty() || (w.heartbeat && t.state == TrialState::Running)) {
            for (const auto& [step, value] : w.intermediate)
                t.intermediate[step] = value;
            if (w.heartbeat && t.state == TrialState::Running)
                t.heartbeat = *w.heartbeat;
            touchLocked(where);
        }
        for (const auto& [stream, text] : w.logs)
            appendLogLocked(w.trialId, stream, text);
    }
    return refused;
}

void InMemoryStorage::appendTrialLog(std::int64_t trialId, const std::string& stream,
                                     const std::string& text)
{
    std::lock_guard lock(m_mutex);
    locateLocked(trialId, "appendTrialLog");
    appendLogLocked(trialId, stream, text);
}

void InMemoryStorage::appendLogLocked(std::int64_t trialId, const std::string& stream,
                                      const std::string& text)
{
    std::string& log = m_logs[{trialId, stream}];
    if (text.size() >= logCap()) {
        log.assign(text, text.size() - logCap(), logCap());
        return;
    }
    log += text;
    if (log.size() > logCap())
        log.erase(0, log.size() - logCap());
}

std::string InMemoryStorage::trialLog(std::int64_t trialId, const std::string& stream)
{
    std::lock_guard lock(m_mutex);
    locateLocked(trialId, "trialLog");
    auto it = m_logs.find({trialId, stream});
    return it == m_logs.end() ? std::string() : it->second;
}

void InMemoryStorage::putArtifact(std::int64_t trialId, const std::string& kind,
                                  const std::string& bytes)
{
    std::lock_guard lock(m_mutex);
    locateLocked(trialId, "putArtifact");
    m_artifacts[{trialId, kind}] = bytes;
}

std::optional<std::string> InMemoryStorage::artifact(std::int64_t trialId, const std::string& kind)
{
    std::lock_guard lock(m_mutex);
    locateLocked(trialId, "artifact");
    auto it = m_artifacts.find({trialId, kind});
    if (it == m_artifacts.end())
        return std::nullopt;
    return it->second;
}

void InMemoryStorage::deleteArtifact(std::int64_t trialId, const std::string& kind)
{
    std::lock_guard lock(m_mutex);
    locateLocked(trialId, "deleteArtifact");
    m_artifacts.erase({trialId, kind});
}

} // namespace tw
