#pragma once
// The PostgreSQL server the tests use: TW_PG_URL, e.g.
// postgresql://tunewright:tunewright@127.0.0.1:5432/tunewright_test (installer/start-postgres.sh
// starts one and prints it). Tests QSKIP with a visible message when it is unset or down.
#include "spec/StorageUrl.h"
#include "storage/PgConnectionParams.h"
#include "storage/PostgresStorage.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace tw::test {

using StorageFactory = std::function<std::unique_ptr<StudyStorage>()>;

// TW_PG_URL parsed by StorageUrl, as the CLI and the workbench parse a URL.
inline std::optional<PgConnectionParams> pgParamsFromEnv(QString* why)
{
    const QByteArray raw = qgetenv("TW_PG_URL");
    if (raw.isEmpty()) {
        *why = QStringLiteral("TW_PG_URL is not set: PostgreSQL tests skipped (run "
                              "installer/start-postgres.sh and export the URL it prints)");
        return std::nullopt;
    }
    const auto url = StorageUrl::parse(QString::fromUtf8(raw));
    if (!url || !url.value().isPostgreSQL()) {
        *why = QStringLiteral("TW_PG_URL is not a postgresql:// URL: %1")
                   .arg(url ? QStringLiteral("it names an SQLite file") : url.error());
        return std::nullopt;
    }
    return url.value().postgresParams();
}

// Opens PostgresStorage instances that all work in `schema` (through search_path).
inline StorageFactory postgresFactory(PgConnectionParams params, const std::string& schema)
{
    params.options["options"] = "-c search_path=" + schema;
    return [params] { return std::make_unique<PostgresStorage>(params); };
}

// An admin connection to the test server that makes schemas of their own for tests
// (tw_test_<tag>_<random>), so runs and test cases never see each other's data, and drops
// them all when closed.
class PgTestSchemas {
public:
    PgTestSchemas() = default;
    PgTestSchemas(const PgTestSchemas&) = delete;
    PgTestSchemas& operator=(const PgTestSchemas&) = delete;
    ~PgTestSchemas() { close(); }

    // False, with why set to a message for QSKIP, when TW_PG_URL is unset or the server is
    // unreachable.
    bool open(QString* why)
    {
        const auto params = pgParamsFromEnv(why);
        if (!params)
            return false;
        m_params = *params;
        static std::atomic<int> instances{0};
        m_connection = QStringLiteral("tw-pg-admin-%1").arg(++instances);
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connection);
        PostgresStorage::configure(m_db, m_params);
        if (!m_db.open()) {
            *why = QStringLiteral("PostgreSQL at %1 is unreachable, tests skipped: %2")
                       .arg(QString::fromStdString(m_params.describe()), m_db.lastError().text());
            return false;
        }
        exec(QStringLiteral("SET client_min_messages = warning"));
        return true;
    }

    bool isOpen() const { return m_db.isOpen(); }
    const PgConnectionParams& params() const { return m_params; }
    QSqlDatabase& db() { return m_db; }

    bool exec(const QString& sql, QString* error = nullptr)
    {
        QSqlQuery q(m_db);
        const bool ok = q.exec(sql);
        if (!ok && error)
            *error = q.lastError().text();
        return ok;
    }

    // A new empty schema; aborts the test program when the server refuses it.
    std::string create(const char* tag)
    {
        std::string name = "tw_test_";
        name += tag;
        name += '_';
        name += std::to_string(std::random_device{}() % 1000000000u);
        QString error;
        if (!exec(QStringLiteral("CREATE SCHEMA %1").arg(QString::fromStdString(name)), &error))
            qFatal("cannot create schema %s: %s", name.c_str(), qPrintable(error));
        m_schemas.push_back(name);
        return name;
    }

    void drop(const std::string& schema)
    {
        exec(QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(QString::fromStdString(schema)));
        std::erase(m_schemas, schema);
    }

    StorageFactory factory(const std::string& schema) const { return postgresFactory(m_params, schema); }

    void close()
    {
        if (m_connection.isEmpty())
            return;
        if (m_db.isOpen())
            for (const std::string& s : std::vector<std::string>(m_schemas))
                drop(s);
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connection);
        m_connection.clear();
    }

private:
    PgConnectionParams m_params;
    QString m_connection;
    QSqlDatabase m_db;
    std::vector<std::string> m_schemas;
};

} // namespace tw::test
