#include "storage/SqlConnection.h"

#include "core/Random.h"
#include "core/UserMessage.h"
#include "study/StudyStorage.h"
#include "storage/StorageEnvironmentError.h"

#include <QSqlError>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <random>
#include <thread>

namespace tw {

namespace {

// How long a transaction keeps retrying a busy database before giving up. Long, because
// the other side may be a migration or a checkpoint of a big file; the busy handler and
// the backoff below keep the waiting cheap.
constexpr auto kBusyPatience = std::chrono::seconds(120);
constexpr auto kMaxBackoff = std::chrono::milliseconds(100);

} // namespace

SqlConnection::SqlConnection(Dialect dialect, QString connectionName, QString description,
                             StorageAccess access)
    : m_connectionName(std::move(connectionName))
    , m_description(std::move(description))
    , m_dialect(dialect)
    , m_access(access)
{
}

SqlConnection::~SqlConnection()
{
    m_queries.clear();
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

// Messages reach users: they never name this code's functions (UserMessage::clean).
void SqlConnection::fail(const QString& what) const
{
    throw StorageError(UserMessage::clean(QStringLiteral("%1: %2").arg(m_description, what).toStdString()));
}

void SqlConnection::failEnvironment(const QString& what) const
{
    throw StorageEnvironmentError(
        UserMessage::clean(QStringLiteral("%1: %2").arg(m_description, what).toStdString()));
}

void SqlConnection::failSql(const QString& what, const QSqlError& e) const
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

QSqlQuery& SqlConnection::prepared(const QString& sql)
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

void SqlConnection::run(QSqlQuery& q)
{
    if (q.exec())
        return;
    const QSqlError e = q.lastError();
    if (isTransient(e))
        throw TransientError{e.text()};
    failSql(QStringLiteral("SqlStorage: \"%1\" failed").arg(q.lastQuery()), e);
}

void SqlConnection::execRaw(const QString& sql)
{
    QSqlQuery q(m_db);
    if (q.exec(sql))
        return;
    const QSqlError e = q.lastError();
    if (isTransient(e))
        throw TransientError{e.text()};
    failSql(QStringLiteral("SqlStorage: \"%1\" failed").arg(sql), e);
}

QString SqlConnection::makeConnectionName(const char* prefix)
{
    static std::atomic<quint64> counter{0};
    return QStringLiteral("%1-%2").arg(QLatin1String(prefix)).arg(++counter);
}

void SqlConnection::retrying(const char* what, const std::function<void()>& attempt)
{
    (void)what;  // the message says what the user can do, not which method waited
    std::lock_guard lock(m_mutex);
    const auto deadline = std::chrono::steady_clock::now() + kBusyPatience;
    std::chrono::microseconds delay(200);
    thread_local Random jitter(std::random_device{}());
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
            std::this_thread::sleep_for(std::chrono::microseconds(jitter.between(delay.count() / 2, delay.count())));
            delay = std::min<std::chrono::microseconds>(delay * 2, kMaxBackoff);
        }
    }
}

void SqlConnection::execControl(const QString& sql)
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

void SqlConnection::transaction(const char* what, const QString& beginSql,
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

void SqlConnection::inWrite(const char* what, const std::function<void()>& body)
{
    transaction(what, beginWriteSql(), body);
}

void SqlConnection::inRead(const char* what, const std::function<void()>& body)
{
    transaction(what, beginReadSql(), body);
}

} // namespace tw
