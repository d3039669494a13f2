#include "storage/PostgresStorage.h"

#include "storage/StorageEnvironmentError.h"

#include <QSqlError>
#include <QStringList>

namespace tw {

namespace {

// A libpq conninfo value: quoted, with quotes and backslashes escaped.
QString conninfoValue(const std::string& value)
{
    QString v = QString::fromStdString(value);
    v.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    v.replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + v + QLatin1Char('\'');
}

// Any advisory-lock key of our own: it guards schema creation and migration.
constexpr qint64 kSchemaLockKey = 0x54570001;

} // namespace

PostgresStorage::PostgresStorage(const PgConnectionParams& params, StorageAccess access)
    : SqlStorage(Dialect::Postgres, makeConnectionName("tw-pg"),
                 QStringLiteral("PostgreSQL database %1").arg(QString::fromStdString(params.describe())),
                 access)
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        fail(QStringLiteral("Qt's PostgreSQL driver (QPSQL) is not installed (Debian: "
                            "libqt6sql6-psql)"));
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
    configure(m_db, params);
    const bool opened = m_db.open();
    m_db.setPassword(QString());  // keep no copy once the connection is made
    if (!opened) {
        QString why = m_db.lastError().databaseText().trimmed();
        if (why.isEmpty())
            why = m_db.lastError().text().trimmed();
        throw StorageEnvironmentError(QStringLiteral("cannot connect to the PostgreSQL server at %1:%2 "
                                          "(database \"%3\", user \"%4\"): %5")
                               .arg(params.host.empty() ? QStringLiteral("(local socket)")
                                                        : QString::fromStdString(params.host))
                               .arg(params.port)
                               .arg(QString::fromStdString(params.database),
                                    QString::fromStdString(params.user), why)
                               .toStdString());
    }
    initializeSchema();
}

void PostgresStorage::configure(QSqlDatabase& db, const PgConnectionParams& params)
{
    db.setHostName(QString::fromStdString(params.host));
    db.setPort(params.port);
    db.setUserName(QString::fromStdString(params.user));
    db.setPassword(QString::fromStdString(params.password));
    db.setDatabaseName(QString::fromStdString(params.database));
    QStringList options;
    if (!params.options.count("connect_timeout"))
        options << QStringLiteral("connect_timeout=%1").arg(defaultConnectTimeoutS);
    for (const auto& [key, value] : params.options)
        options << QString::fromStdString(key) + QLatin1Char('=') + conninfoValue(value);
    // Qt joins the options with ';' and hands them on as libpq keywords.
    db.setConnectOptions(options.join(QLatin1Char(';')));
}

bool PostgresStorage::isTransient(const QSqlError& e) const
{
    const QString state = e.nativeErrorCode();
    // serialization_failure, deadlock_detected, lock_not_available
    return state == QLatin1String("40001") || state == QLatin1String("40P01") ||
           state == QLatin1String("55P03");
}

bool PostgresStorage::isUniqueViolation(const QSqlError& e) const
{
    return e.nativeErrorCode() == QLatin1String("23505");
}

QStringList PostgresStorage::userTables()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT table_name FROM information_schema.tables "
                               "WHERE table_schema = current_schema()"))) {
        if (isTransient(q.lastError()))
            throw TransientError{q.lastError().text()};
        failSql(QStringLiteral("PostgresStorage: cannot list the tables"), q.lastError());
    }
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

void PostgresStorage::lockSchema()
{
    execRaw(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kSchemaLockKey));
}

void PostgresStorage::configureConnection()
{
    // CREATE TABLE ... IF NOT EXISTS and friends would otherwise chat on stderr.
    execRaw(QStringLiteral("SET client_min_messages = warning"));
    if (m_access == StorageAccess::ReadOnly)
        execRaw(QStringLiteral("SET default_transaction_read_only = on"));
}

QString PostgresStorage::environmentProblem(const QSqlError& e) const
{
    const QString state = e.nativeErrorCode();
    const QString detail = e.databaseText().trimmed().isEmpty() ? e.text().trimmed()
                                                                 : e.databaseText().trimmed();
    if (state == QLatin1String("53100"))
        return QStringLiteral("the server's disk is full (%1); free some space, then run the same "
                              "command again: the finished trials are kept")
            .arg(detail);
    if (state.startsWith(QLatin1String("53")))
        return QStringLiteral("the server is out of resources (%1)").arg(detail);
    if (state == QLatin1String("25006"))
        return QStringLiteral("the database is read-only here (%1); it can still be read: trials, "
                              "best, studies and export work")
            .arg(detail);
    if (state.startsWith(QLatin1String("08")) || state.startsWith(QLatin1String("57P")))
        return QStringLiteral("the connection to the server was lost (%1)").arg(detail);
    if (state.startsWith(QLatin1String("58")))
        return QStringLiteral("the server reported a system error (%1)").arg(detail);
    return {};
}

void PostgresStorage::lockStudyForNewTrial(std::int64_t studyId)
{
    // NO KEY UPDATE, not UPDATE: it must not block the key-share locks that inserting rows
    // referencing the study takes.
    QSqlQuery& q = prepared(QStringLiteral("SELECT id FROM studies WHERE id = ? FOR NO KEY UPDATE"));
    q.bindValue(0, qint64(studyId));
    run(q);
    q.finish();
}

} // namespace tw
