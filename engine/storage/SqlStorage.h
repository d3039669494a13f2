#pragma once
#include "storage/DistributionJson.h"
#include "storage/SqlConnection.h"
#include "storage/SqlSchema.h"
#include "storage/SqlTrialLoader.h"
#include "study/StudyStorage.h"

#include <QString>

namespace tw {

// The storage contract on top of Qt SQL, shared by SqliteStorage and PostgresStorage; each
// overrides only what its SQL dialect and locking model need. Its parts: SqlConnection
// (statements, transactions, retries, errors), SqlSchema (creation and migrations),
// SqlTrialLoader (reading trials and studies back), SqlLogChunks (log streams),
// DistributionJson (the params' distributions).
//
// Schema (version 3; see SqlSchema::migrate() for versions 1 and 2):
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
class SqlStorage : public StudyStorage, protected SqlConnection {
public:
    static constexpr int currentSchemaVersion = SqlSchema::currentVersion;

    ~SqlStorage() override;
    SqlStorage(const SqlStorage&) = delete;
    SqlStorage& operator=(const SqlStorage&) = delete;

    using SqlConnection::access;
    using SqlConnection::description;
    // The schema version found on opening, before any migration.
    int schemaVersionFound() const { return m_versionFound; }

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

protected:
    SqlStorage(Dialect dialect, QString connectionName, QString description,
               StorageAccess access = StorageAccess::Create);

    // For the subclass constructor, once m_db is open: checks the schema version, creates
    // or migrates the schema. Throws StorageError for a newer schema or a foreign database.
    void initializeSchema();

    // Dialect hooks beyond SqlConnection's.

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

private:
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
    std::int64_t retriedFailedCount(std::int64_t studyId);
    std::int64_t copyTrialCount(std::int64_t studyId);

    DistributionJson m_distributions;
    SqlTrialLoader m_loader;
    int m_versionFound = 0;
};

} // namespace tw
