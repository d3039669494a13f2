#pragma once
#include "storage/StorageAccess.h"
#include "study/StudyStorage.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <functional>
#include <map>
#include <mutex>

class QSqlError;

namespace tw {

// The SQL schema and the storage contract on top of Qt SQL, shared by SqliteStorage and
// PostgresStorage; each overrides only what its SQL dialect and locking model need.
//
// Schema (version 3; see migrate() for versions 1 and 2):
//   schema_version(version)            one row
//   counters(name, value)              'trial_version': the storage-wide change counter
//   studies(id, name unique, direction, spec_json, metric, app_version, build_flags,
//           threads, created)
//   study_attrs(study_id, kind 'user'|'system', key, value JSON text)
//   trials(id, study_id, number unique per study, state, value, value_type, started,
//          finished, heartbeat, reason, version)
//   trial_params(trial_id, name, internal, distribution JSON text)
//   trial_values(trial_id, step, value, value_type)   intermediate values
//   trial_attrs(trial_id, kind, key, value)
//   trial_log_chunks(trial_id, stream, end_offset, content bytes)   one row per append;
//                                      end_offset: the stream's length after this chunk
//   artifacts(trial_id, kind, bytes)
// Times are nanoseconds since the Unix epoch (UTC), so a TimePoint round-trips exactly.
// A double that may be NaN or +-inf is stored as (value, value_type) with value_type one of
// 'finite', 'nan', 'inf', '-inf' and value NULL unless finite: SQLite turns a bound NaN into
// NULL, and a tag reads the same in every tool. (SQLite keeps no sign on a zero: -0.0 reads
// back as 0.0.)
//
// Every state change is one transaction, retried with backoff when the database reports a
// transient conflict (SQLite busy, PostgreSQL serialization failure or deadlock), so "database
// is locked" never reaches the caller. Each change to a trial takes the next value of the
// change counter inside its own transaction; the counter row is updated last, which orders
// the counter values as the commits are ordered (trialsChangedSince relies on that).
//
// What stays mutable once a trial is finished: its attributes (users annotate finished
// trials; the retry policy marks a failed trial "retried"), its log and its artifacts (the
// best-K models change as the study goes on). State, value, params, intermediate values,
// times and reason are frozen. A heartbeat for a finished trial is ignored: it is the
// expected race with failStaleTrials in another process, not a misuse.
//
// Threads: each instance owns one connection, made in the constructing thread. Qt wants a
// connection used from the thread that made it, so give each thread its own instance (the
// GUI and the engine thread each open theirs). Calls from other threads are still safe:
// a per-instance mutex serializes them.
class SqlStorage : public StudyStorage {
public:
    static constexpr int currentSchemaVersion = 3;

    ~SqlStorage() override;
    SqlStorage(const SqlStorage&) = delete;
    SqlStorage& operator=(const SqlStorage&) = delete;

    // "SQLite file /path/x.twx" or "PostgreSQL database user@host:port/db".
    QString description() const { return m_description; }
    // The schema version found on opening, before any migration.
    int schemaVersionFound() const { return m_versionFound; }
    // How it was opened; a ReadOnly storage never writes (a write throws StorageError).
    StorageAccess access() const { return m_access; }

    StudyRecord createStudy(const StudyRecord& study) override;
    std::optional<StudyRecord> findStudy(const std::string& name) override;
    std::vector<StudyRecord> studies() override;
    void renameStudy(std::int64_t studyId, const std::string& newName) override;
    void deleteStudy(std::int64_t studyId) override;
    void setStudySystemAttr(std::int64_t studyId, const std::string& key,
                            const std::string& json) override;
    void setStudyUserAttr(std::int64_t studyId, const std::string& key,
                          const std::string& json) override;

    std::optional<FrozenTrial> createTrial(std::int64_t studyId, const FrozenTrial& trial,
                                           std::optional<int> maxCounted = std::nullopt,
                                           std::optional<long long> maxSampled = std::nullopt) override;
    std::optional<FrozenTrial> claimWaitingTrial(std::int64_t studyId, TimePoint now) override;
    void setTrialParam(std::int64_t trialId, const std::string& name, double internal,
                       const Distribution& dist) override;
    void setTrialParams(std::int64_t trialId, const std::vector<TrialParam>& params) override;
    void reportIntermediate(std::int64_t trialId, std::int64_t step, double value) override;
    void setTrialSystemAttr(std::int64_t trialId, const std::string& key,
                            const std::string& json) override;
    void setTrialUserAttr(std::int64_t trialId, const std::string& key,
                          const std::string& json) override;
    void heartbeat(std::int64_t trialId, TimePoint now) override;
    bool finishTrial(std::int64_t trialId, TrialState state, std::optional<double> value,
                     const std::string& reason, TimePoint now) override;
    std::vector<FrozenTrial> failStaleTrials(std::int64_t studyId, TimePoint now,
                                             std::chrono::seconds grace) override;

    FrozenTrial trial(std::int64_t trialId) override;
    std::vector<FrozenTrial> trials(std::int64_t studyId) override;
    std::vector<FrozenTrial> trialsChangedSince(std::int64_t studyId, std::int64_t sinceVersion,
                                                std::int64_t* newVersion) override;

    // One transaction for the whole batch.
    std::vector<std::int64_t> writeTrials(const std::vector<TrialWrites>& batch) override;

    void appendTrialLog(std::int64_t trialId, const std::string& stream,
                        const std::string& text) override;
    std::string trialLog(std::int64_t trialId, const std::string& stream) override;
    void putArtifact(std::int64_t trialId, const std::string& kind,
                     const std::string& bytes) override;
    std::optional<std::string> artifact(std::int64_t trialId, const std::string& kind) override;
    void deleteArtifact(std::int64_t trialId, const std::string& kind) override;

    // Distributions as stored in trial_params.distribution: {"kind", "low", "high", "step",
    // "log", "choices"}; choices are kept as the JSON texts tw_core compares, each a string.
    static QString distributionToJson(const Distribution& d);
    static Distribution distributionFromJson(const QString& json);

protected:
    enum class Dialect { Sqlite, Postgres };
    // Thrown inside a transaction for conflicts worth retrying; never leaves this class.
    struct TransientError {
        QString text;
    };

    SqlStorage(Dialect dialect, QString connectionName, QString description,
               StorageAccess access = StorageAccess::Create);

    // For the subclass constructor, once m_db is open: checks the schema version, creates
    // or migrates the schema. Throws StorageError for a newer schema or a foreign database.
    void initializeSchema();
    // Reads the stored schema version: 0 for an empty database. Throws for a database
    // that has tables but none of ours.
    int readSchemaVersion();

    // Dialect hooks.
    virtual QString beginWriteSql() const = 0;
    virtual QString beginReadSql() const = 0;
    virtual bool isTransient(const QSqlError& e) const = 0;
    virtual bool isUniqueViolation(const QSqlError& e) const = 0;
    // For an error that is the machine's (disk full, read-only, I/O error, connection lost):
    // what happened, in words; empty for other errors. failSql throws it as a
    // StorageEnvironmentError, without the SQL.
    virtual QString environmentProblem(const QSqlError& e) const { (void)e; return {}; }
    virtual QStringList userTables() = 0;
    // Serializes schema creation and migration between processes, inside the transaction.
    virtual void lockSchema() {}
    // Called before a migration from `fromVersion`, outside any transaction.
    virtual void backupBeforeMigration(int fromVersion) { (void)fromVersion; }
    // Appended to the SELECT that picks rows to claim or to fail as stale.
    virtual QString claimLockClause() const { return {}; }
    // Appended to the SELECT that checks a trial's state before changing its details.
    virtual QString trialLockClause() const { return {}; }
    // Per-connection settings, applied once the schema version is known to be readable and
    // before anything is written.
    virtual void configureConnection() {}
    // Makes createTrial's count-then-insert atomic against other creators of the study.
    virtual void lockStudyForNewTrial(std::int64_t studyId) { (void)studyId; }

    // Runs `body` in a write (or read) transaction, retrying transient conflicts with
    // backoff; `what` names the operation in error messages.
    void inWrite(const char* what, const std::function<void()>& body);
    // Runs `attempt` (no transaction of its own) until it ends without a transient error.
    void retrying(const char* what, const std::function<void()>& attempt);
    // A connection name no other instance uses, so instances never share a connection.
    static QString makeConnectionName(const char* prefix);
    void inRead(const char* what, const std::function<void()>& body);

    // A prepared statement, cached per SQL text. Bind with addBindValue, then run().
    QSqlQuery& prepared(const QString& sql);
    void run(QSqlQuery& q);
    void execRaw(const QString& sql);
    [[noreturn]] void fail(const QString& what) const;
    [[noreturn]] void failEnvironment(const QString& what) const;
    [[noreturn]] void failSql(const QString& what, const QSqlError& e) const;
    // Drops the prepared statements, before the connection is opened again.
    void forgetPreparedQueries() { m_queries.clear(); }

    QSqlDatabase m_db;
    QString m_connectionName;
    QString m_description;
    Dialect m_dialect;
    StorageAccess m_access = StorageAccess::Create;

private:
    void transaction(const char* what, const QString& beginSql,
                     const std::function<void()>& body);
    void createSchema();
    int readSchemaVersionInTransaction();
    void migrate(int fromVersion);
    QString ddl(const QString& sql) const;

    void requireStudy(std::int64_t studyId);
    // The trial's state; throws when there is no such trial.
    TrialState trialState(std::int64_t trialId, bool lock);
    void requireUnfinished(std::int64_t trialId, const char* what);
    // Takes the next change-counter value and stamps it on the trials.
    void touchTrials(const std::vector<std::int64_t>& trialIds);
    void setStudyAttr(std::int64_t studyId, const char* kind, const std::string& key,
                      const std::string& json);
    void setTrialAttr(std::int64_t trialId, const char* kind, const std::string& key,
                      const std::string& json);
    // Throws StorageError when the param cannot be stored (see StudyStorage::setTrialParam).
    void checkParam(const char* method, const std::string& name, double internal,
                    const Distribution& dist) const;
    void insertParam(std::int64_t trialId, const std::string& name, double internal,
                     const Distribution& dist);
    void insertIntermediate(std::int64_t trialId, std::int64_t step, double value);
    // Appends one chunk to a stream and drops the chunks that fell out of the cap.
    void appendLogChunk(std::int64_t trialId, const std::string& stream, const std::string& text);
    std::int64_t retriedFailedCount(std::int64_t studyId);
    std::int64_t copyTrialCount(std::int64_t studyId);
    QString cachedDistributionJson(const Distribution& d);
    void execControl(const QString& sql);
    // Loads trials of a study; `filter` is an extra condition on alias t with its binds.
    std::vector<FrozenTrial> loadTrials(const QString& filter, const QVariantList& binds);
    Distribution cachedDistribution(const QString& json);
    void loadStudyAttrs(StudyRecord& study);

    std::recursive_mutex m_mutex;
    std::map<QString, QSqlQuery> m_queries;  // node-based: references stay valid
    QHash<QString, Distribution> m_distributionCache;
    std::vector<std::pair<Distribution, QString>> m_jsonCache;
    int m_versionFound = 0;
};

} // namespace tw
