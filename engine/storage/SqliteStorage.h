#pragma once
#include "storage/SqlStorage.h"

namespace tw {

// A study database in one SQLite file (a Tunewright experiment file, *.twx), via QSQLITE.
//
// Durability: the file runs in WAL mode with synchronous=NORMAL. A committed transaction
// survives the process being killed (SIGKILL, a crash), since the WAL is written before
// COMMIT returns; it may not survive a power cut or an OS crash, because the WAL is only
// synced at checkpoints. That trade buys a commit without an fsync.
//
// Several processes may share one file: every change takes the write lock up front
// (BEGIN IMMEDIATE), so claiming a waiting trial and creating a trial within the budget
// are atomic across processes; a busy file is waited for (busy timeout) and the
// transaction retried with backoff. The file must be on a local disk: SQLite's locks do
// not work over NFS. For many machines use PostgresStorage.
//
// Threads: see SqlStorage (one instance per thread, serialized if shared).
class SqliteStorage final : public SqlStorage {
public:
    // Opens the file at `absolutePath`. With StorageAccess::Create it creates the file (and
    // its folder) when missing; otherwise a missing file throws "no such experiment file".
    // Before migrating an older schema it writes a copy next to it, FILE.bak-vN (see
    // backupPath()). ReadOnly never writes, and reads a file that cannot be written, in a
    // folder that cannot be written (SQLite's immutable mode when its WAL index cannot be
    // made there). Throws StorageError for a relative path, a file that is not ours, a newer
    // schema; StorageEnvironmentError when the disk is full, the file read-only, ...
    explicit SqliteStorage(const QString& absolutePath,
                           StorageAccess access = StorageAccess::Create);
    ~SqliteStorage() override = default;

    QString path() const { return m_path; }
    // The copy written before a migration by this instance, or empty.
    QString backupPath() const { return m_backupPath; }

    static constexpr int busyTimeoutMs = 5000;

protected:
    QString beginWriteSql() const override { return QStringLiteral("BEGIN IMMEDIATE"); }
    QString beginReadSql() const override { return QStringLiteral("BEGIN"); }
    bool isTransient(const QSqlError& e) const override;
    bool isUniqueViolation(const QSqlError& e) const override;
    QString environmentProblem(const QSqlError& e) const override;
    QStringList userTables() override;
    void configureConnection() override;
    void backupBeforeMigration(int fromVersion) override;

private:
    void openConnection(bool immutable);

    QString m_path;
    QString m_backupPath;
};

} // namespace tw
