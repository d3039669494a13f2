#include "storage/SqliteStorage.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QtGlobal>

namespace tw {

namespace {

int primaryCode(const QSqlError& e)
{
    bool ok = false;
    const int code = e.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : -1;  // extended result codes keep the primary one in the low byte
}

constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteConstraint = 19;

} // namespace

SqliteStorage::SqliteStorage(const QString& absolutePath)
    : SqlStorage(Dialect::Sqlite, makeConnectionName("tw-sqlite"),
                 QStringLiteral("SQLite file %1").arg(absolutePath))
    , m_path(absolutePath)
{
    if (absolutePath.isEmpty() || !QDir::isAbsolutePath(absolutePath))
        fail(QStringLiteral("SqliteStorage::SqliteStorage(): expected an absolute file path, got "
                            "\"%1\"")
                 .arg(absolutePath));
    const QFileInfo info(absolutePath);
    if (info.isDir())
        fail(QStringLiteral("SqliteStorage::SqliteStorage(): %1 is a folder, not a file")
                 .arg(absolutePath));
    if (!QDir().mkpath(info.absolutePath()))
        fail(QStringLiteral("SqliteStorage::SqliteStorage(): cannot create the folder %1")
                 .arg(info.absolutePath()));
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        fail(QStringLiteral("SqliteStorage::SqliteStorage(): Qt's SQLite driver (QSQLITE) is not "
                            "installed"));
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(absolutePath);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(busyTimeoutMs));
    if (!m_db.open())
        failSql(QStringLiteral("SqliteStorage::SqliteStorage(): cannot open the file"),
                m_db.lastError());
    initializeSchema();
}

bool SqliteStorage::isTransient(const QSqlError& e) const
{
    const int code = primaryCode(e);
    return code == kSqliteBusy || code == kSqliteLocked;
}

bool SqliteStorage::isUniqueViolation(const QSqlError& e) const
{
    return primaryCode(e) == kSqliteConstraint &&
           e.databaseText().contains(QLatin1String("UNIQUE"), Qt::CaseInsensitive);
}

QStringList SqliteStorage::userTables()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))) {
        if (isTransient(q.lastError()))
            throw TransientError{q.lastError().text()};
        failSql(QStringLiteral("this is not a Tunewright experiment file"), q.lastError());
    }
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

void SqliteStorage::configureConnection()
{
    // Outside any transaction: SQLite ignores foreign_keys and refuses journal_mode inside one.
    retrying("configureConnection", [&] {
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("PRAGMA journal_mode = WAL"))) {
            if (isTransient(q.lastError()))
                throw TransientError{q.lastError().text()};
            failSql(QStringLiteral("SqliteStorage: cannot switch to WAL mode"), q.lastError());
        }
        if (q.next() && q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive))
            fail(QStringLiteral("SqliteStorage: the file cannot use WAL mode (journal mode \"%1\"); "
                                "is it on a network or read-only file system?")
                     .arg(q.value(0).toString()));
        q.finish();
        execRaw(QStringLiteral("PRAGMA synchronous = NORMAL"));
        // Checkpoints are the only fsyncs left (about 5 ms each here); at SQLite's default of
        // 1000 pages they cost ~0.25 ms per trial, at 8000 pages (32 MiB of WAL) ~0.07 ms.
        execRaw(QStringLiteral("PRAGMA wal_autocheckpoint = 8000"));
        execRaw(QStringLiteral("PRAGMA journal_size_limit = 67108864"));
        execRaw(QStringLiteral("PRAGMA foreign_keys = ON"));
    });
}

void SqliteStorage::backupBeforeMigration(int fromVersion)
{
    QString target = QStringLiteral("%1.bak-v%2").arg(m_path).arg(fromVersion);
    for (int n = 2; QFileInfo::exists(target); ++n)
        target = QStringLiteral("%1.bak-v%2-%3").arg(m_path).arg(fromVersion).arg(n);
    // VACUUM INTO copies a consistent snapshot, including what still sits in the WAL.
    QString quoted = target;
    quoted.replace(QLatin1Char('\''), QLatin1String("''"));
    retrying("backupBeforeMigration",
             [&] { execRaw(QStringLiteral("VACUUM INTO '%1'").arg(quoted)); });
    m_backupPath = target;
}

} // namespace tw
