#pragma once
#include "storage/StorageAccess.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

#include <functional>
#include <map>
#include <mutex>

class QSqlError;

namespace tw {

// One Qt SQL connection with the plumbing every SQL part of the storage shares: prepared
// statements cached per SQL text, transactions retried with backoff on transient conflicts
// (SQLite busy, PostgreSQL serialization failure or deadlock), and errors turned into
// StorageError / StorageEnvironmentError with words a user can act on. The dialect hooks
// are the backends' (SqliteStorage, PostgresStorage); SqlStorage builds the storage
// contract on top, with SqlSchema, SqlTrialLoader and SqlLogChunks as its parts.
//
// Threads: the connection belongs to the thread that made it; a per-instance mutex
// serializes calls from other threads.
class SqlConnection {
public:
    enum class Dialect { Sqlite, Postgres };
    // Thrown inside a transaction for conflicts worth retrying; never leaves the storage.
    struct TransientError {
        QString text;
    };

    virtual ~SqlConnection();
    SqlConnection(const SqlConnection&) = delete;
    SqlConnection& operator=(const SqlConnection&) = delete;

    // "SQLite file /path/x.twx" or "PostgreSQL database user@host:port/db".
    QString description() const { return m_description; }
    // How it was opened; a ReadOnly storage never writes (a write throws StorageError).
    StorageAccess access() const { return m_access; }
    Dialect dialect() const { return m_dialect; }
    QSqlDatabase& database() { return m_db; }

    // Runs `body` in a write (or read) transaction, retrying transient conflicts with
    // backoff; `what` names the operation in error messages.
    void inWrite(const char* what, const std::function<void()>& body);
    void inRead(const char* what, const std::function<void()>& body);
    // Runs `attempt` (no transaction of its own) until it ends without a transient error.
    void retrying(const char* what, const std::function<void()>& attempt);

    // A prepared statement, cached per SQL text. Bind, then run().
    QSqlQuery& prepared(const QString& sql);
    void run(QSqlQuery& q);
    void execRaw(const QString& sql);
    [[noreturn]] void fail(const QString& what) const;
    [[noreturn]] void failEnvironment(const QString& what) const;
    [[noreturn]] void failSql(const QString& what, const QSqlError& e) const;

    // Dialect hooks.
    virtual bool isTransient(const QSqlError& e) const = 0;
    virtual bool isUniqueViolation(const QSqlError& e) const = 0;
    // The tables in the database (for recognising ours).
    virtual QStringList userTables() = 0;

protected:
    SqlConnection(Dialect dialect, QString connectionName, QString description,
                  StorageAccess access);

    virtual QString beginWriteSql() const = 0;
    virtual QString beginReadSql() const = 0;
    // For an error that is the machine's (disk full, read-only, I/O error, connection lost):
    // what happened, in words; empty for other errors. failSql throws it as a
    // StorageEnvironmentError, without the SQL.
    virtual QString environmentProblem(const QSqlError& e) const { (void)e; return {}; }

    // A connection name no other instance uses, so instances never share a connection.
    static QString makeConnectionName(const char* prefix);
    // Drops the prepared statements, before the connection is opened again.
    void forgetPreparedQueries() { m_queries.clear(); }

    QSqlDatabase m_db;
    QString m_connectionName;
    QString m_description;
    Dialect m_dialect;
    StorageAccess m_access = StorageAccess::Create;

private:
    void transaction(const char* what, const QString& beginSql, const std::function<void()>& body);
    // BEGIN / COMMIT: prepared once on SQLite; PostgreSQL cannot PREPARE them.
    void execControl(const QString& sql);

    std::recursive_mutex m_mutex;
    std::map<QString, QSqlQuery> m_queries;  // node-based: references stay valid
};

} // namespace tw
