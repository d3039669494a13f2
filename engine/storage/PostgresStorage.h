#pragma once
#include "storage/PgConnectionParams.h"
#include "storage/SqlStorage.h"

namespace tw {

// A study database on a PostgreSQL server, via QPSQL: the storage for workers on many
// machines.
//
// Claiming work locks rows with FOR UPDATE SKIP LOCKED, so concurrent workers take
// different waiting trials without waiting for each other. Creating a trial within the
// budget first locks the study's row (FOR NO KEY UPDATE), which serializes the
// count-then-insert of one study across all connections without blocking other studies.
// Serialization failures and deadlocks are retried with backoff.
//
// The password is used to connect and then forgotten: it is never logged, stored in the
// database, or put into an error message. Migrations run in one transaction under an
// advisory lock; there is no file to back up, so a failed migration simply rolls back
// (take a pg_dump first when the data matter).
//
// Threads: see SqlStorage (one instance per thread, serialized if shared).
class PostgresStorage final : public SqlStorage {
public:
    // Connects and creates or migrates the schema in the connection's current schema
    // (see search_path); with StorageAccess::Existing or ReadOnly it creates nothing, and
    // ReadOnly runs every transaction read-only. Throws StorageEnvironmentError naming
    // host:port and the driver's text when the server cannot be reached or refuses the login.
    explicit PostgresStorage(const PgConnectionParams& params,
                             StorageAccess access = StorageAccess::Create);
    ~PostgresStorage() override = default;

    // Sets host, port, user, password, database and the libpq options of `db` (a QPSQL
    // connection) from `params`, with connect_timeout defaulting to defaultConnectTimeoutS.
    // Does not open it. Tests' admin connections use it too, so they reach the server the
    // same way.
    static void configure(QSqlDatabase& db, const PgConnectionParams& params);

    // Seconds libpq waits for the server when the params do not set connect_timeout.
    static constexpr int defaultConnectTimeoutS = 10;

protected:
    QString beginWriteSql() const override { return QStringLiteral("BEGIN"); }
    QString beginReadSql() const override
    {
        return QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    }
    bool isTransient(const QSqlError& e) const override;
    bool isUniqueViolation(const QSqlError& e) const override;
    QString environmentProblem(const QSqlError& e) const override;
    QStringList userTables() override;
    void lockSchema() override;
    void configureConnection() override;
    QString claimLockClause() const override { return QStringLiteral(" FOR UPDATE SKIP LOCKED"); }
    QString trialLockClause() const override { return QStringLiteral(" FOR NO KEY UPDATE"); }
    void lockStudyForNewTrial(std::int64_t studyId) override;
};

} // namespace tw
