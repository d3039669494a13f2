#include "storage/SqlStorage.h"

#include "core/UserMessage.h"
#include "storage/StorageEnvironmentError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QStringList>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <random>
#include <thread>
#include <unordered_map>

namespace tw {

namespace {

// How long a transaction keeps retrying a busy database before giving up. Long, because
// the other side may be a migration or a checkpoint of a big file; the busy handler and
// the backoff below keep the waiting cheap.
constexpr auto kBusyPatience = std::chrono::seconds(120);
constexpr auto kMaxBackoff = std::chrono::milliseconds(100);

qint64 toNs(TimePoint t)
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

TimePoint fromNs(qint64 ns)
{
    return TimePoint(std::chrono::duration_cast<Clock::duration>(std::chrono::nanoseconds(ns)));
}

QVariant nullOf(QMetaType::Type t) { return QVariant(QMetaType(t)); }

QVariant timeOrNull(const std::optional<TimePoint>& t)
{
    return t ? QVariant(toNs(*t)) : nullOf(QMetaType::LongLong);
}

std::optional<TimePoint> timeFrom(const QVariant& v)
{
    if (v.isNull())
        return std::nullopt;
    return fromNs(v.toLongLong());
}

QString tagOf(double v)
{
    if (std::isnan(v))
        return QStringLiteral("nan");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    return QStringLiteral("finite");
}

QVariant finiteOrNull(double v) { return std::isfinite(v) ? QVariant(v) : nullOf(QMetaType::Double); }

double fromTagged(const QVariant& value, const QString& tag)
{
    if (tag == QLatin1String("nan"))
        return std::numeric_limits<double>::quiet_NaN();
    if (tag == QLatin1String("inf"))
        return std::numeric_limits<double>::infinity();
    if (tag == QLatin1String("-inf"))
        return -std::numeric_limits<double>::infinity();
    return value.toDouble();
}

QString qs(const std::string& s) { return QString::fromStdString(s); }

QByteArray bytes(const std::string& s) { return QByteArray(s.data(), qsizetype(s.size())); }

void bindAll(QSqlQuery& q, std::initializer_list<QVariant> values)
{
    int i = 0;
    for (const QVariant& v : values)
        q.bindValue(i++, v);
}

// Releases a statement's cursor when leaving a scope: an SQLite statement left open keeps
// its read snapshot alive.
struct Finish {
    QSqlQuery& q;
    ~Finish() { q.finish(); }
};

const char* kUser = "user";
const char* kSystem = "system";

} // namespace

SqlStorage::SqlStorage(Dialect dialect, QString connectionName, QString description,
                       StorageAccess access)
    : m_connectionName(std::move(connectionName))
    , m_description(std::move(description))
    , m_dialect(dialect)
    , m_access(access)
{
}

SqlStorage::~SqlStorage()
{
    m_queries.clear();
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

// --- plumbing ----------------------------------------------------------------------------

// Messages reach users: they never name this code's functions (UserMessage::clean).
void SqlStorage::fail(const QString& what) const
{
    throw StorageError(UserMessage::clean(QStringLiteral("%1: %2").arg(m_description, what).toStdString()));
}

void SqlStorage::failEnvironment(const QString& what) const
{
    throw StorageEnvironmentError(
        UserMessage::clean(QStringLiteral("%1: %2").arg(m_description, what).toStdString()));
}

void SqlStorage::failSql(const QString& what, const QSqlError& e) const
{
    const QString problem = environmentProblem(e);
    if (!problem.isEmpty())
        failEnvironment(problem);
    // The database's own words when there are some; Qt's "Unable to execute" adds nothing.
    QString text = e.databaseText().trimmed();
    if (text.isEmpty())
        text = e.text().trimmed();
    if (text.isEmpty())
        text = QStringLiteral("unknown database error");
    fail(QStringLiteral("%1: %2").arg(what, text));
}

QSqlQuery& SqlStorage::prepared(const QString& sql)
{
    auto it = m_queries.find(sql);
    if (it != m_queries.end())
        return it->second;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.prepare(sql)) {
        const QSqlError e = q.lastError();
        if (isTransient(e))
            throw TransientError{e.text()};
        failSql(QStringLiteral("SqlStorage: cannot prepare \"%1\"").arg(sql), e);
    }
    return m_queries.emplace(sql, std::move(q)).first->second;
}

void SqlStorage::run(QSqlQuery& q)
{
    if (q.exec())
        return;
    const QSqlError e = q.lastError();
    if (isTransient(e))
        throw TransientError{e.text()};
    failSql(QStringLiteral("SqlStorage: \"%1\" failed").arg(q.lastQuery()), e);
}

void SqlStorage::execRaw(const QString& sql)
{
    QSqlQuery q(m_db);
    if (q.exec(sql))
        return;
    const QSqlError e = q.lastError();
    if (isTransient(e))
        throw TransientError{e.text()};
    failSql(QStringLiteral("SqlStorage: \"%1\" failed").arg(sql), e);
}

QString SqlStorage::makeConnectionName(const char* prefix)
{
    static std::atomic<quint64> counter{0};
    return QStringLiteral("%1-%2").arg(QLatin1String(prefix)).arg(++counter);
}

void SqlStorage::retrying(const char* what, const std::function<void()>& attempt)
{
    (void)what;  // the message says what the user can do, not which method waited
    std::lock_guard lock(m_mutex);
    const auto deadline = std::chrono::steady_clock::now() + kBusyPatience;
    std::chrono::microseconds delay(200);
    thread_local std::minstd_rand jitter(std::random_device{}());
    for (;;) {
        try {
            attempt();
            return;
        } catch (const TransientError& e) {
            if (std::chrono::steady_clock::now() > deadline)
                failEnvironment(QStringLiteral("the database stayed busy for %1 s while another "
                                               "process held it (%2); try again later")
                                    .arg(kBusyPatience.count())
                                    .arg(e.text));
            // Jittered exponential backoff, so competing processes stop colliding.
            std::uniform_int_distribution<long> pick(delay.count() / 2, delay.count());
            std::this_thread::sleep_for(std::chrono::microseconds(pick(jitter)));
            delay = std::min<std::chrono::microseconds>(delay * 2, kMaxBackoff);
        }
    }
}

void SqlStorage::execControl(const QString& sql)
{
    // SQLite can keep BEGIN and COMMIT prepared, which saves parsing them for every change;
    // PostgreSQL cannot PREPARE them.
    if (m_dialect == Dialect::Postgres) {
        execRaw(sql);
        return;
    }
    QSqlQuery& q = prepared(sql);
    run(q);
    q.finish();
}

void SqlStorage::transaction(const char* what, const QString& beginSql,
                             const std::function<void()>& body)
{
    retrying(what, [&] {
        try {
            execControl(beginSql);
            body();
            execControl(QStringLiteral("COMMIT"));
        } catch (...) {
            QSqlQuery rollback(m_db);
            rollback.exec(QStringLiteral("ROLLBACK"));
            throw;
        }
    });
}

void SqlStorage::inWrite(const char* what, const std::function<void()>& body)
{
    transaction(what, beginWriteSql(), body);
}

void SqlStorage::inRead(const char* what, const std::function<void()>& body)
{
    transaction(what, beginReadSql(), body);
}

// --- schema ------------------------------------------------------------------------------

QString SqlStorage::ddl(const QString& sql) const
{
    QString out = sql;
    if (m_dialect == Dialect::Sqlite) {
        out.replace(QLatin1String("{ID}"), QLatin1String("INTEGER PRIMARY KEY AUTOINCREMENT"));
        out.replace(QLatin1String("{BLOB}"), QLatin1String("BLOB"));
    } else {
        out.replace(QLatin1String("{ID}"), QLatin1String("BIGSERIAL PRIMARY KEY"));
        out.replace(QLatin1String("{BLOB}"), QLatin1String("BYTEA"));
    }
    return out;
}

namespace {

// The tables and indexes that version 2 added to version 1, shared by createSchema and
// the migration so that both produce the same layout.
const char* const kV2Additions[] = {
    "CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
    "CREATE TABLE trial_logs (trial_id BIGINT NOT NULL REFERENCES trials(id) ON DELETE CASCADE,"
    " stream TEXT NOT NULL, content {BLOB} NOT NULL, PRIMARY KEY (trial_id, stream))",
    "CREATE TABLE artifacts (trial_id BIGINT NOT NULL REFERENCES trials(id) ON DELETE CASCADE,"
    " kind TEXT NOT NULL, bytes {BLOB} NOT NULL, PRIMARY KEY (trial_id, kind))",
    "CREATE INDEX trials_by_state ON trials (study_id, state, number)",
    "CREATE INDEX trials_by_version ON trials (study_id, version)",
    "CREATE INDEX trial_attrs_by_key ON trial_attrs (key, kind)",
};

// Version 3 keeps a log as chunk rows, one per append (a batch's text for a stream is one
// append), keyed by the stream's length in bytes after the chunk: an append inserts a row
// and deletes the rows that fell out of the newest logCap() bytes, whatever the log's size.
const char* const kV3LogChunks =
    "CREATE TABLE trial_log_chunks (trial_id BIGINT NOT NULL REFERENCES trials(id) ON DELETE "
    "CASCADE, stream TEXT NOT NULL, end_offset BIGINT NOT NULL, content {BLOB} NOT NULL,"
    " PRIMARY KEY (trial_id, stream, end_offset))";

// trial_logs: the version 2 table, still recognised as ours in a PostgreSQL database.
const QStringList kOurTables = {"schema_version", "counters",     "studies",      "study_attrs",
                                "trials",         "trial_params", "trial_values", "trial_attrs",
                                "trial_logs",     "trial_log_chunks", "artifacts"};

} // namespace

void SqlStorage::createSchema()
{
    const char* const tables[] = {
        "CREATE TABLE schema_version (version INTEGER NOT NULL)",
        "CREATE TABLE studies (id {ID}, name TEXT NOT NULL UNIQUE, direction TEXT NOT NULL,"
        " spec_json TEXT NOT NULL, metric TEXT NOT NULL, app_version TEXT NOT NULL DEFAULT '',"
        " build_flags TEXT NOT NULL DEFAULT '', threads INTEGER NOT NULL DEFAULT 1,"
        " created BIGINT NOT NULL)",
        "CREATE TABLE study_attrs (study_id BIGINT NOT NULL REFERENCES studies(id) ON DELETE "
        "CASCADE, kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,"
        " PRIMARY KEY (study_id, kind, key))",
        "CREATE TABLE trials (id {ID}, study_id BIGINT NOT NULL REFERENCES studies(id) ON DELETE "
        "CASCADE, number INTEGER NOT NULL, state TEXT NOT NULL, value DOUBLE PRECISION,"
        " value_type TEXT, started BIGINT, finished BIGINT, heartbeat BIGINT,"
        " reason TEXT NOT NULL DEFAULT '', version BIGINT NOT NULL DEFAULT 0,"
        " UNIQUE (study_id, number))",
        "CREATE TABLE trial_params (trial_id BIGINT NOT NULL REFERENCES trials(id) ON DELETE "
        "CASCADE, name TEXT NOT NULL, internal DOUBLE PRECISION NOT NULL,"
        " distribution TEXT NOT NULL, PRIMARY KEY (trial_id, name))",
        "CREATE TABLE trial_values (trial_id BIGINT NOT NULL REFERENCES trials(id) ON DELETE "
        "CASCADE, step BIGINT NOT NULL, value DOUBLE PRECISION, value_type TEXT NOT NULL,"
        " PRIMARY KEY (trial_id, step))",
        "CREATE TABLE trial_attrs (trial_id BIGINT NOT NULL REFERENCES trials(id) ON DELETE "
        "CASCADE, kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,"
        " PRIMARY KEY (trial_id, kind, key))",
    };
    for (const char* sql : tables)
        execRaw(ddl(QLatin1String(sql)));
    for (const char* sql : kV2Additions)
        if (!QLatin1String(sql).startsWith(QLatin1String("CREATE TABLE trial_logs ")))
            execRaw(ddl(QLatin1String(sql)));
    execRaw(ddl(QLatin1String(kV3LogChunks)));
    execRaw(QStringLiteral("INSERT INTO counters (name, value) VALUES ('trial_version', 0)"));
    execRaw(QStringLiteral("INSERT INTO schema_version (version) VALUES (%1)")
                .arg(currentSchemaVersion));
}

// Version 1, the first released layout, had studies without app_version, build_flags and
// threads; trials without heartbeat and change version; no counters, logs or artifacts.
// Version 2 kept each log stream as one blob (trial_logs), rewritten whole by every append.
void SqlStorage::migrate(int fromVersion)
{
    for (int v = fromVersion; v < currentSchemaVersion; ++v) {
        switch (v) {
        case 1: {
            const char* const alters[] = {
                "ALTER TABLE studies ADD COLUMN app_version TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE studies ADD COLUMN build_flags TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE studies ADD COLUMN threads INTEGER NOT NULL DEFAULT 1",
                "ALTER TABLE trials ADD COLUMN heartbeat BIGINT",
                "ALTER TABLE trials ADD COLUMN version BIGINT NOT NULL DEFAULT 0",
            };
            for (const char* sql : alters)
                execRaw(QLatin1String(sql));
            for (const char* sql : kV2Additions)
                execRaw(ddl(QLatin1String(sql)));
            // Every existing trial counts as changed once, so a reader starting from 0 sees all.
            execRaw(QStringLiteral("INSERT INTO counters (name, value) VALUES ('trial_version', 1)"));
            execRaw(QStringLiteral("UPDATE trials SET version = 1"));
            break;
        }
        case 2: {
            // Each stream's one blob becomes its first chunk, ending at its length.
            execRaw(ddl(QLatin1String(kV3LogChunks)));
            const QString length = m_dialect == Dialect::Sqlite
                                       ? QStringLiteral("length(CAST(content AS BLOB))")
                                       : QStringLiteral("octet_length(content)");
            execRaw(QStringLiteral("INSERT INTO trial_log_chunks (trial_id, stream, end_offset, content) "
                                   "SELECT trial_id, stream, %1, content FROM trial_logs WHERE %1 > 0")
                        .arg(length));
            execRaw(QStringLiteral("DROP TABLE trial_logs"));
            break;
        }
        default:
            fail(QStringLiteral("SqlStorage::migrate(): no migration from schema %1").arg(v));
        }
        execRaw(QStringLiteral("UPDATE schema_version SET version = %1").arg(v + 1));
    }
}

int SqlStorage::readSchemaVersion()
{
    int version = 0;
    inRead("readSchemaVersion", [&] {
        const QStringList tables = userTables();
        if (!tables.contains(QLatin1String("schema_version"))) {
            // An SQLite file is ours alone; a PostgreSQL database may hold other tables.
            const bool foreign = m_dialect == Dialect::Sqlite
                                     ? !tables.isEmpty()
                                     : std::any_of(kOurTables.begin(), kOurTables.end(),
                                                   [&](const QString& t) { return tables.contains(t); });
            if (foreign)
                fail(QStringLiteral("this is not a Tunewright experiment database: it has tables "
                                    "(%1) but no schema_version")
                         .arg(tables.mid(0, 5).join(QLatin1String(", "))));
            version = 0;
            return;
        }
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version"))) {
            if (isTransient(q.lastError()))
                throw TransientError{q.lastError().text()};
            failSql(QStringLiteral("cannot read the schema version"), q.lastError());
        }
        version = q.next() && !q.value(0).isNull() ? q.value(0).toInt() : -1;
        if (version < 1)
            fail(QStringLiteral("this is not a Tunewright experiment database: its schema_version "
                                "table is empty"));
    });
    return version;
}

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
    m_versionFound = readSchemaVersion();
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
        const int now = readSchemaVersionInTransaction();
        refuseNewer(now);
        if (now == 0)
            createSchema();
        else if (now < currentSchemaVersion)
            migrate(now);
    });
}

int SqlStorage::readSchemaVersionInTransaction()
{
    const QStringList tables = userTables();
    if (!tables.contains(QLatin1String("schema_version")))
        return 0;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) || !q.next()) {
        if (isTransient(q.lastError()))
            throw TransientError{q.lastError().text()};
        failSql(QStringLiteral("cannot read the schema version"), q.lastError());
    }
    return q.value(0).toInt();
}

// --- JSON of distributions ---------------------------------------------------------------

QString SqlStorage::distributionToJson(const Distribution& d)
{
    QJsonObject o;
    o.insert(QStringLiteral("kind"), QLatin1String(Distribution::kindName(d.kind())));
    if (d.isNumeric()) {
        o.insert(QStringLiteral("low"), d.low());
        o.insert(QStringLiteral("high"), d.high());
        o.insert(QStringLiteral("step"), d.step());
        o.insert(QStringLiteral("log"), d.isLog());
    } else {
        QJsonArray choices;
        for (const std::string& c : d.choices())
            choices.append(qs(c));
        o.insert(QStringLiteral("choices"), choices);
    }
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

Distribution SqlStorage::distributionFromJson(const QString& json)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        throw StorageError(QStringLiteral("SqlStorage::distributionFromJson(): not a distribution "
                                          "object at offset %1: %2")
                               .arg(err.offset)
                               .arg(json.left(200))
                               .toStdString());
    const QJsonObject o = doc.object();
    const QString kind = o.value(QStringLiteral("kind")).toString();
    std::vector<std::string> choices;
    for (const QJsonValue& c : o.value(QStringLiteral("choices")).toArray())
        choices.push_back(c.toString().toStdString());
    const double low = o.value(QStringLiteral("low")).toDouble();
    const double high = o.value(QStringLiteral("high")).toDouble();
    const double step = o.value(QStringLiteral("step")).toDouble();
    const bool log = o.value(QStringLiteral("log")).toBool();
    if (kind == QLatin1String("float"))
        return Distribution::makeFloat(low, high, log, step);
    if (kind == QLatin1String("int"))
        return Distribution::makeInt(std::llround(low), std::llround(high), log, std::llround(step));
    if (kind == QLatin1String("categorical"))
        return Distribution::makeCategorical(std::move(choices));
    if (kind == QLatin1String("fixed") && choices.size() == 1)
        return Distribution::makeFixed(std::move(choices.front()));
    throw StorageError(QStringLiteral("SqlStorage::distributionFromJson(): unknown kind \"%1\" in %2")
                           .arg(kind, json.left(200))
                           .toStdString());
}

QString SqlStorage::cachedDistributionJson(const Distribution& d)
{
    // A study has a handful of distributions, set again for every trial.
    for (const auto& [known, json] : m_jsonCache)
        if (known == d)
            return json;
    if (m_jsonCache.size() >= 32)
        m_jsonCache.erase(m_jsonCache.begin());
    m_jsonCache.emplace_back(d, distributionToJson(d));
    return m_jsonCache.back().second;
}

Distribution SqlStorage::cachedDistribution(const QString& json)
{
    auto it = m_distributionCache.constFind(json);
    if (it != m_distributionCache.constEnd())
        return *it;
    Distribution d = distributionFromJson(json);
    if (m_distributionCache.size() > 4096)
        m_distributionCache.clear();
    m_distributionCache.insert(json, d);
    return d;
}

// --- helpers inside transactions ---------------------------------------------------------

void SqlStorage::requireStudy(std::int64_t studyId)
{
    QSqlQuery& q = prepared(QStringLiteral("SELECT id FROM studies WHERE id = ?"));
    bindAll(q, {qint64(studyId)});
    run(q);
    Finish f{q};
    if (!q.next())
        fail(QStringLiteral("SqlStorage: no study with id %1").arg(studyId));
}

TrialState SqlStorage::trialState(std::int64_t trialId, bool lock)
{
    QSqlQuery& q = prepared(QStringLiteral("SELECT state FROM trials WHERE id = ?") +
                            (lock ? trialLockClause() : QString()));
    bindAll(q, {qint64(trialId)});
    run(q);
    Finish f{q};
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
    bindAll(q, {qint64(trialId), qs(name), internal, cachedDistributionJson(dist)});
    run(q);
}

void SqlStorage::insertIntermediate(std::int64_t trialId, std::int64_t step, double value)
{
    QSqlQuery& q = prepared(QStringLiteral(
        "INSERT INTO trial_values (trial_id, step, value, value_type) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (trial_id, step) DO UPDATE SET value = excluded.value,"
        " value_type = excluded.value_type"));
    bindAll(q, {qint64(trialId), qint64(step), finiteOrNull(value), tagOf(value)});
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
    Finish f{q};
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
    Finish f{q};
    q.next();
    return q.value(0).toLongLong();
}

std::vector<FrozenTrial> SqlStorage::loadTrials(const QString& filter, const QVariantList& binds)
{
    auto bindFilter = [&](QSqlQuery& q) {
        for (int i = 0; i < binds.size(); ++i)
            q.bindValue(i, binds[i]);
    };
    std::vector<FrozenTrial> out;
    std::unordered_map<std::int64_t, std::size_t> index;
    {
        QSqlQuery& q = prepared(
            QStringLiteral("SELECT t.id, t.number, t.state, t.value, t.value_type, t.started,"
                           " t.finished, t.heartbeat, t.reason FROM trials t WHERE ") +
            filter + QStringLiteral(" ORDER BY t.number"));
        bindFilter(q);
        run(q);
        Finish f{q};
        while (q.next()) {
            FrozenTrial t;
            t.id = q.value(0).toLongLong();
            t.number = q.value(1).toInt();
            const QString state = q.value(2).toString();
            const auto s = trialStateFromString(state.toStdString());
            if (!s)
                fail(QStringLiteral("SqlStorage: trial %1 has an unknown state \"%2\"")
                         .arg(t.id)
                         .arg(state));
            t.state = *s;
            if (!q.value(4).isNull())
                t.value = fromTagged(q.value(3), q.value(4).toString());
            t.started = timeFrom(q.value(5));
            t.finished = timeFrom(q.value(6));
            t.heartbeat = timeFrom(q.value(7));
            t.reason = q.value(8).toString().toStdString();
            index.emplace(t.id, out.size());
            out.push_back(std::move(t));
        }
    }
    if (out.empty())
        return out;
    {
        QSqlQuery& q = prepared(
            QStringLiteral("SELECT p.trial_id, p.name, p.internal, p.distribution FROM "
                           "trial_params p JOIN trials t ON t.id = p.trial_id WHERE ") +
            filter);
        bindFilter(q);
        run(q);
        Finish f{q};
        while (q.next()) {
            auto it = index.find(q.value(0).toLongLong());
            if (it == index.end())
                continue;
            FrozenTrial& t = out[it->second];
            const std::string name = q.value(1).toString().toStdString();
            t.params[name] = q.value(2).toDouble();
            t.distributions.insert_or_assign(name, cachedDistribution(q.value(3).toString()));
        }
    }
    {
        QSqlQuery& q = prepared(
            QStringLiteral("SELECT v.trial_id, v.step, v.value, v.value_type FROM trial_values v "
                           "JOIN trials t ON t.id = v.trial_id WHERE ") +
            filter);
        bindFilter(q);
        run(q);
        Finish f{q};
        while (q.next()) {
            auto it = index.find(q.value(0).toLongLong());
            if (it != index.end())
                out[it->second].intermediate[q.value(1).toLongLong()] =
                    fromTagged(q.value(2), q.value(3).toString());
        }
    }
    {
        QSqlQuery& q = prepared(
            QStringLiteral("SELECT a.trial_id, a.kind, a.key, a.value FROM trial_attrs a "
                           "JOIN trials t ON t.id = a.trial_id WHERE ") +
            filter);
        bindFilter(q);
        run(q);
        Finish f{q};
        while (q.next()) {
            auto it = index.find(q.value(0).toLongLong());
            if (it == index.end())
                continue;
            FrozenTrial& t = out[it->second];
            auto& attrs = q.value(1).toString() == QLatin1String(kUser) ? t.userAttrs : t.systemAttrs;
            attrs[q.value(2).toString().toStdString()] = q.value(3).toString().toStdString();
        }
    }
    return out;
}

void SqlStorage::loadStudyAttrs(StudyRecord& study)
{
    QSqlQuery& q =
        prepared(QStringLiteral("SELECT kind, key, value FROM study_attrs WHERE study_id = ?"));
    bindAll(q, {qint64(study.id)});
    run(q);
    Finish f{q};
    while (q.next()) {
        auto& attrs = q.value(0).toString() == QLatin1String(kUser) ? study.userAttrs
                                                                    : study.systemAttrs;
        attrs[q.value(1).toString().toStdString()] = q.value(2).toString().toStdString();
    }
}

// --- studies -----------------------------------------------------------------------------

namespace {
const QString kStudyColumns = QStringLiteral(
    "SELECT id, name, direction, spec_json, metric, app_version, build_flags, threads "
    "FROM studies");

StudyRecord studyFrom(const QSqlQuery& q)
{
    StudyRecord s;
    s.id = q.value(0).toLongLong();
    s.name = q.value(1).toString().toStdString();
    s.direction = studyDirectionFromString(q.value(2).toString().toStdString())
                      .value_or(StudyDirection::Minimize);
    s.specJson = q.value(3).toString().toStdString();
    s.metric = q.value(4).toString().toStdString();
    s.appVersion = q.value(5).toString().toStdString();
    s.buildFlags = q.value(6).toString().toStdString();
    s.threads = q.value(7).toInt();
    return s;
}
} // namespace

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
            Finish f{taken};
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
            Finish f{q};
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
        QSqlQuery& q = prepared(kStudyColumns + QStringLiteral(" WHERE name = ?"));
        bindAll(q, {qs(name)});
        run(q);
        {
            Finish f{q};
            if (!q.next())
                return;
            out = studyFrom(q);
        }
        loadStudyAttrs(*out);
    });
    return out;
}

std::vector<StudyRecord> SqlStorage::studies()
{
    std::vector<StudyRecord> out;
    inRead("studies", [&] {
        out.clear();
        std::unordered_map<std::int64_t, std::size_t> index;
        QSqlQuery& q = prepared(kStudyColumns + QStringLiteral(" ORDER BY id"));
        run(q);
        {
            Finish f{q};
            while (q.next()) {
                out.push_back(studyFrom(q));
                index.emplace(out.back().id, out.size() - 1);
            }
        }
        QSqlQuery& a = prepared(QStringLiteral("SELECT study_id, kind, key, value FROM study_attrs"));
        run(a);
        Finish f{a};
        while (a.next()) {
            auto it = index.find(a.value(0).toLongLong());
            if (it == index.end())
                continue;
            StudyRecord& s = out[it->second];
            auto& attrs = a.value(1).toString() == QLatin1String(kUser) ? s.userAttrs : s.systemAttrs;
            attrs[a.value(2).toString().toStdString()] = a.value(3).toString().toStdString();
        }
    });
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
            Finish f{taken};
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
            Finish f{next};
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
            Finish f{q};
            q.next();
            t.id = q.value(0).toLongLong();
        }
        for (const auto& [name, internal] : t.params)
            insertParam(t.id, name, internal, t.distributions.at(name));
        for (const auto& [step, v] : t.intermediate)
            insertIntermediate(t.id, step, v);
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
        Finish f{probe};
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
            Finish f{pick};
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
        auto loaded = loadTrials(QStringLiteral("t.id = ?"), {id});
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
                 .arg(distributionToJson(dist)));
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
        insertIntermediate(trialId, step, value);
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
            Finish f{pick};
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
            auto loaded = loadTrials(QStringLiteral("t.id = ?"), {qint64(id)});
            out.push_back(std::move(loaded.front()));
        }
    });
    return out;
}

FrozenTrial SqlStorage::trial(std::int64_t trialId)
{
    std::vector<FrozenTrial> found;
    inRead("trial", [&] { found = loadTrials(QStringLiteral("t.id = ?"), {qint64(trialId)}); });
    if (found.empty())
        fail(QStringLiteral("SqlStorage::trial(): no trial with id %1").arg(trialId));
    return std::move(found.front());
}

std::vector<FrozenTrial> SqlStorage::trials(std::int64_t studyId)
{
    std::vector<FrozenTrial> out;
    inRead("trials", [&] {
        requireStudy(studyId);
        out = loadTrials(QStringLiteral("t.study_id = ?"), {qint64(studyId)});
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
            Finish f{c};
            if (!c.next())
                fail(QStringLiteral("SqlStorage: the change counter is missing"));
            version = c.value(0).toLongLong();
        }
        out = loadTrials(QStringLiteral("t.study_id = ? AND t.version > ?"),
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
                Finish f{state};
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
                for (const auto& [step, value] : w.intermediate)
                    insertIntermediate(w.trialId, step, value);
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
                appendLogChunk(w.trialId, stream, text);
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
        appendLogChunk(trialId, stream, text);
    });
}

void SqlStorage::appendLogChunk(std::int64_t trialId, const std::string& stream,
                                const std::string& text)
{
    if (text.empty())
        return;
    const std::size_t cap = logCap();
    // Of an append larger than the cap only its newest bytes can be read back.
    const std::string_view kept = text.size() > cap
                                      ? std::string_view(text).substr(text.size() - cap)
                                      : std::string_view(text);
    const QString name = qs(stream);
    QSqlQuery& last = prepared(QStringLiteral(
        "SELECT MAX(end_offset) FROM trial_log_chunks WHERE trial_id = ? AND stream = ?"));
    bindAll(last, {qint64(trialId), name});
    run(last);
    qint64 end = 0;
    {
        Finish f{last};
        if (last.next() && !last.value(0).isNull())
            end = last.value(0).toLongLong();
    }
    // The offsets count every byte ever appended, the cut part of a big append too.
    end += qint64(text.size());
    QSqlQuery& insert = prepared(QStringLiteral(
        "INSERT INTO trial_log_chunks (trial_id, stream, end_offset, content) VALUES (?, ?, ?, ?)"));
    bindAll(insert, {qint64(trialId), name, end,
                     QByteArray(kept.data(), qsizetype(kept.size()))});
    run(insert);
    if (end > qint64(cap)) {
        // Chunks ending at or before end - cap hold none of the newest cap bytes.
        QSqlQuery& drop = prepared(QStringLiteral(
            "DELETE FROM trial_log_chunks WHERE trial_id = ? AND stream = ? AND end_offset <= ?"));
        bindAll(drop, {qint64(trialId), name, end - qint64(cap)});
        run(drop);
    }
}

std::string SqlStorage::trialLog(std::int64_t trialId, const std::string& stream)
{
    std::string out;
    inRead("trialLog", [&] {
        out.clear();
        trialState(trialId, false);
        QSqlQuery& q = prepared(QStringLiteral(
            "SELECT content FROM trial_log_chunks WHERE trial_id = ? AND stream = ? "
            "ORDER BY end_offset"));
        bindAll(q, {qint64(trialId), qs(stream)});
        run(q);
        Finish f{q};
        while (q.next()) {
            const QByteArray chunk = q.value(0).toByteArray();
            out.append(chunk.constData(), std::size_t(chunk.size()));
        }
    });
    // The oldest chunk kept may start before the newest cap bytes.
    if (out.size() > logCap())
        out.erase(0, out.size() - logCap());
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
        Finish f{q};
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
