#include "storage/SqlStorage.h"

#include "storage/QueryFinish.h"
#include "storage/SqlLogChunks.h"
#include "storage/SqlSchema.h"
#include "storage/SqlTrialValues.h"
#include "storage/SqlValues.h"

#include <QSqlError>
#include <QStringList>

#include <cmath>

namespace tw {

using namespace sqlvalues;

namespace {
const char* const kUser = SqlTrialLoader::kUser;
const char* const kSystem = SqlTrialLoader::kSystem;
} // namespace

SqlStorage::SqlStorage(Dialect dialect, QString connectionName, QString description,
                       StorageAccess access)
    : SqlConnection(dialect, std::move(connectionName), std::move(description), access)
    , m_loader(*this, m_distributions)
{
}

SqlStorage::~SqlStorage() = default;

// --- schema ------------------------------------------------------------------------------

void SqlStorage::initializeSchema()
{
    auto refuseNewer = [this](int v) {
        if (v > currentSchemaVersion)
            fail(QStringLiteral("this experiment database was written by a newer Tunewright "
                                "(schema %1; this build reads up to %2). Open it with a newer "
                                "Tunewright; nothing was changed")
                     .arg(v)
                     .arg(currentSchemaVersion));
    };
    m_versionFound = SqlSchema(*this).readVersion();
    refuseNewer(m_versionFound);
    if (m_access != StorageAccess::Create && m_versionFound == 0)
        fail(QStringLiteral("it holds no Tunewright experiment yet; create a study with "
                            "`tunewright-cli run SPEC` first"));
    if (m_access == StorageAccess::ReadOnly && m_versionFound < currentSchemaVersion)
        fail(QStringLiteral("this experiment was written by an older Tunewright (schema %1); "
                            "open it once with write access to upgrade it (a copy of the old "
                            "file is kept)")
                 .arg(m_versionFound));
    configureConnection();
    if (m_versionFound == currentSchemaVersion)
        return;
    if (m_versionFound > 0)
        backupBeforeMigration(m_versionFound);
    inWrite("initializeSchema", [&] {
        lockSchema();
        const int now = SqlSchema(*this).readVersionInTransaction();
        refuseNewer(now);
        if (now == 0)
            SqlSchema(*this).create();
        else if (now < currentSchemaVersion)
            SqlSchema(*this).migrate(now);
    });
}

// --- helpers inside transactions ---------------------------------------------------------

void SqlStorage::requireStudy(std::int64_t studyId)
{
    QSqlQuery& q = prepared(QStringLiteral("SELECT id FROM studies WHERE id = ?"));
    bindAll(q, {qint64(studyId)});
    run(q);
    QueryFinish f{q};
    if (!q.next())
        fail(QStringLiteral("SqlStorage: no study with id %1").arg(studyId));
}

TrialState SqlStorage::trialState(std::int64_t trialId, bool lock)
{
    QSqlQuery& q = prepared(QStringLiteral("SELECT state FROM trials WHERE id = ?") +
                            (lock ? trialLockClause() : QString()));
    bindAll(q, {qint64(trialId)});
    run(q);
    QueryFinish f{q};
    if (!q.next())
        fail(QStringLiteral("SqlStorage: no trial with id %1").arg(trialId));
    const auto state = trialStateFromString(q.value(0).toString().toStdString());
    if (!state)
        fail(QStringLiteral("SqlStorage: trial %1 has an unknown state \"%2\"")
                 .arg(trialId)
                 .arg(q.value(0).toString()));
    return *state;
}

void SqlStorage::requireUnfinished(std::int64_t trialId, const char* what)
{
    const TrialState s = trialState(trialId, true);
    if (isFinished(s))
        fail(QStringLiteral("SqlStorage::%1(): trial %2 is finished (%3) and cannot change")
                 .arg(QLatin1String(what))
                 .arg(trialId)
                 .arg(QLatin1String(toString(s).data(), qsizetype(toString(s).size()))));
}

void SqlStorage::touchTrials(const std::vector<std::int64_t>& trialIds)
{
    if (trialIds.empty())
        return;
    QSqlQuery& bump = prepared(
        QStringLiteral("UPDATE counters SET value = value + 1 WHERE name = 'trial_version'"));
    run(bump);
    if (bump.numRowsAffected() != 1)
        fail(QStringLiteral("SqlStorage: the change counter is missing"));
    QSqlQuery& stamp = prepared(QStringLiteral(
        "UPDATE trials SET version = (SELECT value FROM counters WHERE name = 'trial_version') "
        "WHERE id = ?"));
    for (std::int64_t id : trialIds) {
        bindAll(stamp, {qint64(id)});
        run(stamp);
    }
}

void SqlStorage::setStudyAttr(std::int64_t studyId, const char* kind, const std::string& key,
                              const std::string& json)
{
    QSqlQuery& q = prepared(QStringLiteral(
        "INSERT INTO study_attrs (study_id, kind, key, value) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (study_id, kind, key) DO UPDATE SET value = excluded.value"));
    bindAll(q, {qint64(studyId), QString::fromLatin1(kind), qs(key), qs(json)});
    run(q);
}

void SqlStorage::setTrialAttr(std::int64_t trialId, const char* kind, const std::string& key,
                              const std::string& json)
{
    QSqlQuery& q = prepared(QStringLiteral(
        "INSERT INTO trial_attrs (trial_id, kind, key, value) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (trial_id, kind, key) DO UPDATE SET value = excluded.value"));
    bindAll(q, {qint64(trialId), QString::fromLatin1(kind), qs(key), qs(json)});
    run(q);
}

void SqlStorage::insertParam(std::int64_t trialId, const std::string& name, double internal,
                             const Distribution& dist)
{
    QSqlQuery& q = prepared(QStringLiteral(
        "INSERT INTO trial_params (trial_id, name, internal, distribution) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (trial_id, name) DO UPDATE SET internal = excluded.internal,"
        " distribution = excluded.distribution"));
    bindAll(q, {qint64(trialId), qs(name), internal, m_distributions.cachedToJson(dist)});
    run(q);
}

std::int64_t SqlStorage::retriedFailedCount(std::int64_t studyId)
{
    // Trial numbers run 0..n-1 without gaps (trials are never deleted one by one), so the
    // budget count is n minus these few: cheap at any study size, unlike COUNT(*).
    QSqlQuery& q = prepared(QStringLiteral(
        "SELECT COUNT(*) FROM trial_attrs a JOIN trials t ON t.id = a.trial_id "
        "WHERE a.key = 'retried' AND a.kind = 'system' AND a.value = 'true' "
        "AND t.study_id = ? AND t.state = 'failed'"));
    bindAll(q, {qint64(studyId)});
    run(q);
    QueryFinish f{q};
    q.next();
    return q.value(0).toLongLong();
}

std::int64_t SqlStorage::copyTrialCount(std::int64_t studyId)
{
    // The trials that are not sampled ones (StudyStorage::copyAttrs). Only grid studies ask,
    // and a grid's trials are few.
    QSqlQuery& q = prepared(QStringLiteral(
        "SELECT COUNT(DISTINCT a.trial_id) FROM trial_attrs a JOIN trials t ON t.id = a.trial_id "
        "WHERE a.kind = 'system' AND a.key IN ('enqueued', 'retry_of', 'requeue_of') "
        "AND t.study_id = ?"));
    bindAll(q, {qint64(studyId)});
    run(q);
    QueryFinish f{q};
    q.next();
    return q.value(0).toLongLong();
}

// --- studies -----------------------------------------------------------------------------

StudyRecord SqlStorage::createStudy(const StudyRecord& study)
{
    if (study.name.empty())
        fail(QStringLiteral("SqlStorage::createStudy(): a study needs a name"));
    StudyRecord out = study;
    inWrite("createStudy", [&] {
        QSqlQuery& taken = prepared(QStringLiteral("SELECT id FROM studies WHERE name = ?"));
        bindAll(taken, {qs(study.name)});
        run(taken);
        {
            QueryFinish f{taken};
            if (taken.next())
                fail(QStringLiteral("SqlStorage::createStudy(): a study named \"%1\" already "
                                    "exists")
                         .arg(qs(study.name)));
        }
        QSqlQuery& q = prepared(QStringLiteral(
            "INSERT INTO studies (name, direction, spec_json, metric, app_version, build_flags,"
            " threads, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
        const std::string_view dir = toString(study.direction);
        bindAll(q, {qs(study.name), QString::fromLatin1(dir.data(), qsizetype(dir.size())),
                    qs(study.specJson), qs(study.metric), qs(study.appVersion),
                    qs(study.buildFlags), study.threads, toNs(Clock::now())});
        if (!q.exec()) {
            const QSqlError e = q.lastError();
            if (isUniqueViolation(e))  // another process created it since our check
                fail(QStringLiteral("SqlStorage::createStudy(): a study named \"%1\" already "
                                    "exists")
                         .arg(qs(study.name)));
            if (isTransient(e))
                throw TransientError{e.text()};
            failSql(QStringLiteral("SqlStorage::createStudy()"), e);
        }
        {
            QueryFinish f{q};
            q.next();
            out.id = q.value(0).toLongLong();
        }
        for (const auto& [k, v] : study.userAttrs)
            setStudyAttr(out.id, kUser, k, v);
        for (const auto& [k, v] : study.systemAttrs)
            setStudyAttr(out.id, kSystem, k, v);
    });
    return out;
}

std::optional<StudyRecord> SqlStorage::findStudy(const std::string& name)
{
    std::optional<StudyRecord> out;
    inRead("findStudy", [&] {
        out.reset();
        QSqlQuery& q = prepared(SqlTrialLoader::studyColumns() + QStringLiteral(" WHERE name = ?"));
        bindAll(q, {qs(name)});
        run(q);
        {
            QueryFinish f{q};
            if (!q.next())
                return;
            out = SqlTrialLoader::study(q);
        }
        m_loader.loadStudyAttrs(*out);
    });
    return out;
}

std::vector<StudyRecord> SqlStorage::studies()
{
    std::vector<StudyRecord> out;
    inRead("studies", [&] { out = m_loader.studies(); });
    return out;
}

void SqlStorage::renameStudy(std::int64_t studyId, const std::string& newName)
{
    if (newName.empty())
        fail(QStringLiteral("SqlStorage::renameStudy(): a study needs a name"));
    inWrite("renameStudy", [&] {
        requireStudy(studyId);
        QSqlQuery& taken = prepared(QStringLiteral("SELECT id FROM studies WHERE name = ?"));
        bindAll(taken, {qs(newName)});
        run(taken);
        {
            QueryFinish f{taken};
            if (taken.next()) {
                if (taken.value(0).toLongLong() == studyId)
                    return;
                fail(QStringLiteral("SqlStorage::renameStudy(): a study named \"%1\" already "
                                    "exists")
                         .arg(qs(newName)));
            }
        }
        QSqlQuery& q = prepared(QStringLiteral("UPDATE studies SET name = ? WHERE id = ?"));
        bindAll(q, {qs(newName), qint64(studyId)});
        if (!q.exec()) {
            if (isUniqueViolation(q.lastError()))
                fail(QStringLiteral("SqlStorage::renameStudy(): a study named \"%1\" already "
                                    "exists")
                         .arg(qs(newName)));
            if (isTransient(q.lastError()))
                throw TransientError{q.lastError().text()};
            failSql(QStringLiteral("SqlStorage::renameStudy()"), q.lastError());
        }
    });
}

void SqlStorage::deleteStudy(std::int64_t studyId)
{
    inWrite("deleteStudy", [&] {
        QSqlQuery& q = prepared(QStringLiteral("DELETE FROM studies WHERE id = ?"));
        bindAll(q, {qint64(studyId)});
        run(q);
        if (q.numRowsAffected() == 0)
            fail(QStringLiteral("SqlStorage::deleteStudy(): no study with id %1").arg(studyId));
    });
}

void SqlStorage::setStudySystemAttr(std::int64_t studyId, const std::string& key,
                                    const std::string& json)
{
    inWrite("setStudySystemAttr", [&] {
        requireStudy(studyId);
        setStudyAttr(studyId, kSystem, key, json);
    });
}

void SqlStorage::setStudyUserAttr(std::int64_t studyId, const std::string& key,
                                  const std::string& json)
{
    inWrite("setStudyUserAttr", [&] {
        requireStudy(studyId);
        setStudyAttr(studyId, kUser, key, json);
    });
}

// --- trials ------------------------------------------------------------------------------

std::optional<FrozenTrial> SqlStorage::createTrial(std::int64_t studyId, const FrozenTrial& trial,
                                                   std::optional<int> maxCounted,
                                                   std::optional<long long> maxSampled)
{
    for (const auto& [name, internal] : trial.params) {
        (void)internal;
        if (!trial.distributions.count(name))
            fail(QStringLiteral("SqlStorage::createTrial(): param \"%1\" has no distribution")
                     .arg(qs(name)));
    }
    for (const auto& [name, dist] : trial.distributions) {
        (void)dist;
        if (!trial.params.count(name))
            fail(QStringLiteral("SqlStorage::createTrial(): distribution \"%1\" has no value")
                     .arg(qs(name)));
    }
    std::optional<FrozenTrial> out;
    inWrite("createTrial", [&] {
        out.reset();
        lockStudyForNewTrial(studyId);
        requireStudy(studyId);
        QSqlQuery& next = prepared(QStringLiteral(
            "SELECT COALESCE(MAX(number), -1) + 1 FROM trials WHERE study_id = ?"));
        bindAll(next, {qint64(studyId)});
        run(next);
        int number = 0;
        {
            QueryFinish f{next};
            next.next();
            number = next.value(0).toInt();
        }
        if (maxCounted && number - retriedFailedCount(studyId) >= *maxCounted)
            return;
        if (maxSampled && isSampledTrial(trial) && number - copyTrialCount(studyId) >= *maxSampled)
            return;
        FrozenTrial t = trial;
        t.number = number;
        if (t.state == TrialState::Running && !t.started)
            t.started = Clock::now();
        const std::string_view state = toString(t.state);
        QSqlQuery& q = prepared(QStringLiteral(
            "INSERT INTO trials (study_id, number, state, value, value_type, started, finished,"
            " heartbeat, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
        bindAll(q, {qint64(studyId), number,
                    QString::fromLatin1(state.data(), qsizetype(state.size())),
                    t.value ? finiteOrNull(*t.value) : nullOf(QMetaType::Double),
                    t.value ? QVariant(tagOf(*t.value)) : nullOf(QMetaType::QString),
                    timeOrNull(t.started), timeOrNull(t.finished), timeOrNull(t.heartbeat),
                    qs(t.reason)});
        run(q);
        {
            QueryFinish f{q};
            q.next();
            t.id = q.value(0).toLongLong();
        }
        for (const auto& [name, internal] : t.params)
            insertParam(t.id, name, internal, t.distributions.at(name));
        for (const auto& [step, v] : t.intermediate)
            SqlTrialValues(*this).insert(t.id, step, v);
        for (const auto& [k, v] : t.userAttrs)
            setTrialAttr(t.id, kUser, k, v);
        for (const auto& [k, v] : t.systemAttrs)
            setTrialAttr(t.id, kSystem, k, v);
        touchTrials({t.id});
        out = std::move(t);
    });
    return out;
}

std::optional<FrozenTrial> SqlStorage::claimWaitingTrial(std::int64_t studyId, TimePoint now)
{
    std::optional<FrozenTrial> out;
    // Most asks find nothing waiting: a read says so without taking the write lock, which
    // every other worker of the study would queue behind. A trial enqueued just after the
    // read is claimed by the next ask, as if it had come a moment later.
    bool anyWaiting = false;
    inRead("claimWaitingTrial", [&] {
        requireStudy(studyId);
        QSqlQuery& probe = prepared(QStringLiteral(
            "SELECT 1 FROM trials WHERE study_id = ? AND state = 'waiting' LIMIT 1"));
        bindAll(probe, {qint64(studyId)});
        run(probe);
        QueryFinish f{probe};
        anyWaiting = probe.next();
    });
    if (!anyWaiting)
        return out;
    inWrite("claimWaitingTrial", [&] {
        out.reset();
        requireStudy(studyId);
        QSqlQuery& pick = prepared(QStringLiteral("SELECT id FROM trials WHERE study_id = ? AND "
                                                  "state = 'waiting' ORDER BY number LIMIT 1") +
                                   claimLockClause());
        bindAll(pick, {qint64(studyId)});
        run(pick);
        qint64 id = -1;
        {
            QueryFinish f{pick};
            if (!pick.next())
                return;
            id = pick.value(0).toLongLong();
        }
        QSqlQuery& q = prepared(QStringLiteral(
            "UPDATE trials SET state = 'running', started = ? WHERE id = ? AND state = 'waiting'"));
        bindAll(q, {toNs(now), id});
        run(q);
        if (q.numRowsAffected() != 1)
            throw TransientError{QStringLiteral("the trial was claimed by another process")};
        touchTrials({id});
        auto loaded = m_loader.trials(QStringLiteral("t.id = ?"), {id});
        out = std::move(loaded.front());
    });
    return out;
}

void SqlStorage::checkParam(const char* method, const std::string& name, double internal,
                            const Distribution& dist) const
{
    const std::string invalid = dist.validationError();
    if (!invalid.empty())
        fail(QStringLiteral("SqlStorage::%1(): param \"%2\": %3")
                 .arg(QLatin1String(method), qs(name), qs(invalid)));
    if (!dist.contains(internal))
        fail(QStringLiteral("SqlStorage::%1(): param \"%2\": %3 is outside its "
                            "distribution %4")
                 .arg(QLatin1String(method), qs(name))
                 .arg(internal, 0, 'g', 17)
                 .arg(DistributionJson::toJson(dist)));
}

void SqlStorage::setTrialParam(std::int64_t trialId, const std::string& name, double internal,
                               const Distribution& dist)
{
    checkParam("setTrialParam", name, internal, dist);
    inWrite("setTrialParam", [&] {
        requireUnfinished(trialId, "setTrialParam");
        insertParam(trialId, name, internal, dist);
        touchTrials({trialId});
    });
}

void SqlStorage::setTrialParams(std::int64_t trialId, const std::vector<TrialParam>& params)
{
    // Checked before the transaction, so a bad param writes nothing of the batch; one
    // transaction for all, since its commit is most of what each write costs.
    for (const TrialParam& p : params)
        checkParam("setTrialParams", p.name, p.internal, p.distribution);
    inWrite("setTrialParams", [&] {
        requireUnfinished(trialId, "setTrialParams");
        if (params.empty())
            return;
        for (const TrialParam& p : params)
            insertParam(trialId, p.name, p.internal, p.distribution);
        touchTrials({trialId});
    });
}

void SqlStorage::reportIntermediate(std::int64_t trialId, std::int64_t step, double value)
{
    inWrite("reportIntermediate", [&] {
        requireUnfinished(trialId, "reportIntermediate");
        SqlTrialValues(*this).insert(trialId, step, value);
        touchTrials({trialId});
    });
}

void SqlStorage::setTrialSystemAttr(std::int64_t trialId, const std::string& key,
                                    const std::string& json)
{
    inWrite("setTrialSystemAttr", [&] {
        trialState(trialId, true);
        setTrialAttr(trialId, kSystem, key, json);
        touchTrials({trialId});
    });
}

void SqlStorage::setTrialUserAttr(std::int64_t trialId, const std::string& key,
                                  const std::string& json)
{
    inWrite("setTrialUserAttr", [&] {
        trialState(trialId, true);
        setTrialAttr(trialId, kUser, key, json);
        touchTrials({trialId});
    });
}

void SqlStorage::heartbeat(std::int64_t trialId, TimePoint now)
{
    inWrite("heartbeat", [&] {
        QSqlQuery& q = prepared(
            QStringLiteral("UPDATE trials SET heartbeat = ? WHERE id = ? AND state = 'running'"));
        bindAll(q, {toNs(now), qint64(trialId)});
        run(q);
        if (q.numRowsAffected() == 0) {
            trialState(trialId, false);  // throws for a trial that does not exist
            return;
        }
        touchTrials({trialId});
    });
}

bool SqlStorage::finishTrial(std::int64_t trialId, TrialState state, std::optional<double> value,
                             const std::string& reason, TimePoint now)
{
    if (!isFinished(state))
        fail(QStringLiteral("SqlStorage::finishTrial(): %1 is not a finished state")
                 .arg(QLatin1String(toString(state).data(), qsizetype(toString(state).size()))));
    if (state == TrialState::Complete && !value)
        fail(QStringLiteral("SqlStorage::finishTrial(): a complete trial needs a value"));
    // Only a complete trial has a value (the contract every backend shares).
    if (state != TrialState::Complete)
        value.reset();
    bool finished = false;
    inWrite("finishTrial", [&] {
        finished = false;
        const std::string_view s = toString(state);
        QSqlQuery& q = prepared(
            QStringLiteral("UPDATE trials SET state = ?, value = ?, value_type = ?, finished = ?,"
                           " reason = ? WHERE id = ? AND state = 'running'"));
        bindAll(q, {QString::fromLatin1(s.data(), qsizetype(s.size())),
                    value ? finiteOrNull(*value) : nullOf(QMetaType::Double),
                    value ? QVariant(tagOf(*value)) : nullOf(QMetaType::QString), toNs(now),
                    qs(reason), qint64(trialId)});
        run(q);
        if (q.numRowsAffected() == 0) {
            trialState(trialId, false);  // throws for a trial that does not exist
            return;
        }
        touchTrials({trialId});
        finished = true;
    });
    return finished;
}

std::vector<FrozenTrial> SqlStorage::failStaleTrials(std::int64_t studyId, TimePoint now,
                                                     std::chrono::seconds grace)
{
    std::vector<FrozenTrial> out;
    inWrite("failStaleTrials", [&] {
        out.clear();
        requireStudy(studyId);
        QSqlQuery& pick = prepared(
            QStringLiteral("SELECT id FROM trials WHERE study_id = ? AND state = 'running' AND "
                           "COALESCE(heartbeat, started, 0) < ? ORDER BY number") +
            claimLockClause());
        bindAll(pick, {qint64(studyId), toNs(now - grace)});
        run(pick);
        std::vector<std::int64_t> ids;
        {
            QueryFinish f{pick};
            while (pick.next())
                ids.push_back(pick.value(0).toLongLong());
        }
        if (ids.empty())
            return;
        const QString reason =
            QStringLiteral("stale: no heartbeat within the %1 s grace period (the process running "
                           "it probably died)")
                .arg(grace.count());
        QSqlQuery& q = prepared(QStringLiteral(
            "UPDATE trials SET state = 'failed', finished = ?, reason = ? WHERE id = ? AND "
            "state = 'running'"));
        std::vector<std::int64_t> failed;
        for (std::int64_t id : ids) {
            bindAll(q, {toNs(now), reason, qint64(id)});
            run(q);
            if (q.numRowsAffected() == 1)
                failed.push_back(id);
        }
        touchTrials(failed);
        for (std::int64_t id : failed) {
            auto loaded = m_loader.trials(QStringLiteral("t.id = ?"), {qint64(id)});
            out.push_back(std::move(loaded.front()));
        }
    });
    return out;
}

FrozenTrial SqlStorage::trial(std::int64_t trialId)
{
    std::vector<FrozenTrial> found;
    inRead("trial", [&] { found = m_loader.trials(QStringLiteral("t.id = ?"), {qint64(trialId)}); });
    if (found.empty())
        fail(QStringLiteral("SqlStorage::trial(): no trial with id %1").arg(trialId));
    return std::move(found.front());
}

std::vector<FrozenTrial> SqlStorage::trials(std::int64_t studyId)
{
    std::vector<FrozenTrial> out;
    inRead("trials", [&] {
        requireStudy(studyId);
        out = m_loader.trials(QStringLiteral("t.study_id = ?"), {qint64(studyId)});
    });
    return out;
}

std::vector<FrozenTrial> SqlStorage::trialsChangedSince(std::int64_t studyId,
                                                        std::int64_t sinceVersion,
                                                        std::int64_t* newVersion)
{
    std::vector<FrozenTrial> out;
    qint64 version = 0;
    inRead("trialsChangedSince", [&] {
        requireStudy(studyId);
        QSqlQuery& c =
            prepared(QStringLiteral("SELECT value FROM counters WHERE name = 'trial_version'"));
        run(c);
        {
            QueryFinish f{c};
            if (!c.next())
                fail(QStringLiteral("SqlStorage: the change counter is missing"));
            version = c.value(0).toLongLong();
        }
        out = m_loader.trials(QStringLiteral("t.study_id = ? AND t.version > ?"),
                         {qint64(studyId), qint64(sinceVersion)});
    });
    if (newVersion)
        *newVersion = version;
    return out;
}

// --- batched writes -------------------------------------------------------------------

std::vector<std::int64_t> SqlStorage::writeTrials(const std::vector<TrialWrites>& batch)
{
    for (const TrialWrites& w : batch)
        for (const auto& [stream, text] : w.logs)
            if (stream.empty() && !text.empty())
                fail(QStringLiteral("SqlStorage::writeTrials(): a log stream needs a name"));
    std::vector<std::int64_t> refused;
    if (batch.empty())
        return refused;
    inWrite("writeTrials", [&] {
        refused.clear();
        std::vector<std::int64_t> changed;
        QSqlQuery& state = prepared(QStringLiteral("SELECT state FROM trials WHERE id = ?") +
                                    trialLockClause());
        for (const TrialWrites& w : batch) {
            bindAll(state, {qint64(w.trialId)});
            run(state);
            std::optional<TrialState> s;
            {
                QueryFinish f{state};
                if (state.next())
                    s = trialStateFromString(state.value(0).toString().toStdString());
            }
            if (!s) {
                refused.push_back(w.trialId);  // gone with its study
                continue;
            }
            if (isFinished(*s)) {
                if (!w.intermediate.empty() || w.heartbeat)
                    refused.push_back(w.trialId);
            } else {
                SqlTrialValues(*this).insertMany(w.trialId, w.intermediate);
                bool beat = false;
                if (w.heartbeat && *s == TrialState::Running) {
                    QSqlQuery& q = prepared(QStringLiteral(
                        "UPDATE trials SET heartbeat = ? WHERE id = ? AND state = 'running'"));
                    bindAll(q, {toNs(*w.heartbeat), qint64(w.trialId)});
                    run(q);
                    beat = q.numRowsAffected() > 0;
                }
                if (!w.intermediate.empty() || beat)
                    changed.push_back(w.trialId);
            }
            for (const auto& [stream, text] : w.logs)
                SqlLogChunks(*this).append(w.trialId, stream, text);
        }
        touchTrials(changed);
    });
    return refused;
}

// --- logs and artifacts ------------------------------------------------------------------

void SqlStorage::appendTrialLog(std::int64_t trialId, const std::string& stream,
                                const std::string& text)
{
    if (stream.empty())
        fail(QStringLiteral("SqlStorage::appendTrialLog(): the stream needs a name"));
    if (text.empty())
        return;
    inWrite("appendTrialLog", [&] {
        trialState(trialId, true);
        SqlLogChunks(*this).append(trialId, stream, text);
    });
}

std::string SqlStorage::trialLog(std::int64_t trialId, const std::string& stream)
{
    std::string out;
    inRead("trialLog", [&] {
        trialState(trialId, false);
        out = SqlLogChunks(*this).read(trialId, stream);
    });
    return out;
}

void SqlStorage::putArtifact(std::int64_t trialId, const std::string& kind,
                             const std::string& data)
{
    if (kind.empty())
        fail(QStringLiteral("SqlStorage::putArtifact(): the artifact needs a kind"));
    inWrite("putArtifact", [&] {
        trialState(trialId, true);
        QSqlQuery& q = prepared(QStringLiteral(
            "INSERT INTO artifacts (trial_id, kind, bytes) VALUES (?, ?, ?) "
            "ON CONFLICT (trial_id, kind) DO UPDATE SET bytes = excluded.bytes"));
        bindAll(q, {qint64(trialId), qs(kind), bytes(data)});
        run(q);
    });
}

std::optional<std::string> SqlStorage::artifact(std::int64_t trialId, const std::string& kind)
{
    std::optional<std::string> out;
    inRead("artifact", [&] {
        out.reset();
        trialState(trialId, false);
        QSqlQuery& q =
            prepared(QStringLiteral("SELECT bytes FROM artifacts WHERE trial_id = ? AND kind = ?"));
        bindAll(q, {qint64(trialId), qs(kind)});
        run(q);
        QueryFinish f{q};
        if (q.next())
            out = q.value(0).toByteArray().toStdString();
    });
    return out;
}

void SqlStorage::deleteArtifact(std::int64_t trialId, const std::string& kind)
{
    inWrite("deleteArtifact", [&] {
        trialState(trialId, true);
        QSqlQuery& q =
            prepared(QStringLiteral("DELETE FROM artifacts WHERE trial_id = ? AND kind = ?"));
        bindAll(q, {qint64(trialId), qs(kind)});
        run(q);
    });
}

} // namespace tw
