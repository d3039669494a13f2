#include "storage/SqliteStorage.h"

#include "storage/StorageEnvironmentError.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QUrl>
#include <QtGlobal>

#include <unistd.h>

namespace tw {

namespace {

int primaryCode(const QSqlError& e)
{
    bool ok = false;
    const int code = e.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : -1;  // extended result codes keep the primary one in the low byte
}

constexpr int kSqlitePerm = 3;
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteNoMem = 7;
constexpr int kSqliteReadOnly = 8;
constexpr int kSqliteIoErr = 10;
constexpr int kSqliteFull = 13;
constexpr int kSqliteCantOpen = 14;
constexpr int kSqliteConstraint = 19;

} // namespace

SqliteStorage::SqliteStorage(const QString& absolutePath, StorageAccess access)
    : SqlStorage(Dialect::Sqlite, makeConnectionName("tw-sqlite"),
                 QStringLiteral("SQLite file %1").arg(absolutePath), access)
    , m_path(absolutePath)
{
    if (absolutePath.isEmpty() || !QDir::isAbsolutePath(absolutePath))
        fail(QStringLiteral("expected an absolute file path, got \"%1\"").arg(absolutePath));
    const QFileInfo info(absolutePath);
    if (info.isDir())
        fail(QStringLiteral("%1 is a folder, not an experiment file").arg(absolutePath));
    if (access != StorageAccess::Create && !info.exists())
        throw StorageError(QStringLiteral("no such experiment file: %1").arg(absolutePath).toStdString());
    if (access == StorageAccess::Create && !QDir().mkpath(info.absolutePath()))
        failEnvironment(QStringLiteral("cannot create the folder %1").arg(info.absolutePath()));
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        fail(QStringLiteral("Qt's SQLite driver (QSQLITE) is not installed"));
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    if (access != StorageAccess::ReadOnly) {
        openConnection(false);
        initializeSchema();
        return;
    }
    // Read-only: a file in WAL mode needs its WAL index (FILE-shm) to be read; SQLite makes
    // one next to the file, which a read-only folder or file system refuses. Then the file
    // is read as immutable: nobody can write it there either.
    try {
        openConnection(false);
        initializeSchema();
    } catch (const StorageEnvironmentError&) {
        forgetPreparedQueries();
        m_db.close();
        openConnection(true);
        initializeSchema();
    }
}

void SqliteStorage::openConnection(bool immutable)
{
    QStringList options{QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(busyTimeoutMs)};
    if (m_access == StorageAccess::ReadOnly)
        options << QStringLiteral("QSQLITE_OPEN_READONLY");
    if (immutable) {
        options << QStringLiteral("QSQLITE_OPEN_URI");
        m_db.setDatabaseName(QStringLiteral("file:%1?immutable=1")
                                 .arg(QString::fromLatin1(QUrl::toPercentEncoding(m_path, "/"))));
    } else {
        m_db.setDatabaseName(m_path);
    }
    m_db.setConnectOptions(options.join(QLatin1Char(';')));
    if (!m_db.open())
        failSql(QStringLiteral("cannot open the file"), m_db.lastError());
}

QString SqliteStorage::environmentProblem(const QSqlError& e) const
{
    const QString detail = e.databaseText().trimmed().isEmpty() ? e.text().trimmed()
                                                                 : e.databaseText().trimmed();
    const int code = primaryCode(e);
    // SQLite writes a journal and a WAL index next to the file: a read-only folder or file
    // system shows as "unable to open" as often as "readonly". Say what it is.
    const QByteArray file = QFile::encodeName(m_path);
    const QByteArray folder = QFile::encodeName(QFileInfo(m_path).absolutePath());
    const bool cannotWrite = ::access(file.constData(), F_OK) == 0 &&
                             (::access(file.constData(), W_OK) != 0 || ::access(folder.constData(), W_OK) != 0);
    if (cannotWrite && (code == kSqliteReadOnly || code == kSqliteCantOpen || code == kSqlitePerm))
        return QStringLiteral("the experiment file cannot be written (%1): the file, its folder or "
                              "its file system is read-only. It can still be read: trials, best, "
                              "studies and export work, and the workbench opens it read-only")
            .arg(detail);
    if (code == kSqliteReadOnly && m_access == StorageAccess::ReadOnly)
        return QStringLiteral("it was opened read-only, to be read, and cannot be written (%1)")
            .arg(detail);
    switch (code) {
    case kSqliteFull:
        return QStringLiteral("the disk is full (%1); free some space, then run the same command "
                              "again: the finished trials are kept")
            .arg(detail);
    case kSqliteReadOnly:
        return QStringLiteral("the experiment file cannot be written (%1): the file, its folder or "
                              "its file system is read-only. It can still be read: trials, best, "
                              "studies and export work, and the workbench opens it read-only")
            .arg(detail);
    case kSqliteIoErr:
        return QStringLiteral("the disk reported an input/output error (%1)").arg(detail);
    case kSqliteCantOpen:
        return QStringLiteral("cannot open the file or its journal (%1); check that its folder "
                              "exists and can be written, or read it with a read-only command")
            .arg(detail);
    case kSqlitePerm:
        return QStringLiteral("permission denied (%1)").arg(detail);
    case kSqliteNoMem:
        return QStringLiteral("out of memory (%1)").arg(detail);
    default:
        return {};
    }
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
    if (m_access == StorageAccess::ReadOnly)
        return;  // nothing to set for reading, and a read-only file takes no settings
    // Outside any transaction: SQLite ignores foreign_keys and refuses journal_mode inside one.
    retrying("configureConnection", [&] {
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("PRAGMA journal_mode = WAL"))) {
            if (isTransient(q.lastError()))
                throw TransientError{q.lastError().text()};
            failSql(QStringLiteral("cannot switch to WAL mode"), q.lastError());
        }
        if (q.next() && q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive))
            fail(QStringLiteral("the file cannot use WAL mode (journal mode \"%1\"); "
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
