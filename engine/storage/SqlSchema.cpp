#include "storage/SqlSchema.h"

#include "storage/SqlConnection.h"

#include <QSqlError>
#include <QStringList>

#include <algorithm>

namespace tw {

namespace {

// The tables and indexes that version 2 added to version 1, shared by create and the
// migration so that both produce the same layout.
const char* const kV2Additions[] = {
    "CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
    "CREATE TABLE trial_logs (trial_id BIGINT NOT NULL REFERENCES trials(id) ON DELETE CASCADE,"
    " stream TEXT NOT NULL, content {BLOB} NOT NULL, PRIMARY KEY (trial_id, stream))",
    "CREATE TABLE artifacts (trial_id BIGINT NOT NULL REFERENCES trials(id) ON DELETE CASCADE,"
    " kind TEXT NOT NULL, bytes {BLOB} NOT NULL, PRIMARY KEY (trial_id, kind))",
    "CREATE INDEX trials_by_state ON trials (study_id, state, number)",
    "CREATE INDEX trials_by_version ON trials (study_id, version)",
    "CREATE INDEX trial_attrs_by_key ON trial_attrs (key, kind)",
};

// Version 3 keeps a log as chunk rows, one per append (a batch's text for a stream is one
// append), keyed by the stream's length in bytes after the chunk: an append inserts a row
// and deletes the rows that fell out of the newest logCap() bytes, whatever the log's size.
const char* const kV3LogChunks =
    "CREATE TABLE trial_log_chunks (trial_id BIGINT NOT NULL REFERENCES trials(id) ON DELETE "
    "CASCADE, stream TEXT NOT NULL, end_offset BIGINT NOT NULL, content {BLOB} NOT NULL,"
    " PRIMARY KEY (trial_id, stream, end_offset))";

// trial_logs: the version 2 table, still recognised as ours in a PostgreSQL database.
const QStringList kOurTables = {"schema_version", "counters",     "studies",      "study_attrs",
                                "trials",         "trial_params", "trial_values", "trial_attrs",
                                "trial_logs",     "trial_log_chunks", "artifacts"};

} // namespace

QString SqlSchema::ddl(const QString& sql) const
{
    QString out = sql;
    if (m_connection.dialect() == SqlConnection::Dialect::Sqlite) {
        out.replace(QLatin1String("{ID}"), QLatin1String("INTEGER PRIMARY KEY AUTOINCREMENT"));
        out.replace(QLatin1String("{BLOB}"), QLatin1String("BLOB"));
    } else {
        out.replace(QLatin1String("{ID}"), QLatin1String("BIGSERIAL PRIMARY KEY"));
        out.replace(QLatin1String("{BLOB}"), QLatin1String("BYTEA"));
    }
    return out;
}

void SqlSchema::create()
{
    const char* const tables[] = {
        "CREATE TABLE schema_version (version INTEGER NOT NULL)",
        "CREATE TABLE studies (id {ID}, name TEXT NOT NULL UNIQUE, direction TEXT NOT NULL,"
        " spec_json TEXT NOT NULL, metric TEXT NOT NULL, app_version TEXT NOT NULL DEFAULT '',"
        " build_flags TEXT NOT NULL DEFAULT '', threads INTEGER NOT NULL DEFAULT 1,"
        " created BIGINT NOT NULL)",
        "CREATE TABLE study_attrs (study_id BIGINT NOT NULL REFERENCES studies(id) ON DELETE "
        "CASCADE, kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,"
        " PRIMARY KEY (study_id, kind, key))",
        "CREATE TABLE trials (id {ID}, study_id BIGINT NOT NULL REFERENCES studies(id) ON DELETE "
        "CASCADE, number INTEGER NOT NULL, state TEXT NOT NULL, value DOUBLE PRECISION,"
        " value_type TEXT, started BIGINT, finished BIGINT, heartbeat BIGINT,"
        " reason TEXT NOT NULL DEFAULT '', version BIGINT NOT NULL DEFAULT 0,"
        " UNIQUE (study_id, number))",
        "CREATE TABLE trial_params (trial_id BIGINT NOT NULL REFERENCES trials(id) ON DELETE "
        "CASCADE, name TEXT NOT NULL, internal DOUBLE PRECISION NOT NULL,"
        " distribution TEXT NOT NULL, PRIMARY KEY (trial_id, name))",
        "CREATE TABLE trial_values (trial_id BIGINT NOT NULL REFERENCES trials(id) ON DELETE "
        "CASCADE, step BIGINT NOT NULL, value DOUBLE PRECISION, value_type TEXT NOT NULL,"
        " PRIMARY KEY (trial_id, step))",
        "CREATE TABLE trial_attrs (trial_id BIGINT NOT NULL REFERENCES trials(id) ON DELETE "
        "CASCADE, kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,"
        " PRIMARY KEY (trial_id, kind, key))",
    };
    for (const char* sql : tables)
        m_connection.execRaw(ddl(QLatin1String(sql)));
    for (const char* sql : kV2Additions)
        if (!QLatin1String(sql).startsWith(QLatin1String("CREATE TABLE trial_logs ")))
            m_connection.execRaw(ddl(QLatin1String(sql)));
    m_connection.execRaw(ddl(QLatin1String(kV3LogChunks)));
    m_connection.execRaw(QStringLiteral("INSERT INTO counters (name, value) VALUES ('trial_version', 0)"));
    m_connection.execRaw(QStringLiteral("INSERT INTO schema_version (version) VALUES (%1)")
                             .arg(currentVersion));
}

// Version 1, the first released layout, had studies without app_version, build_flags and
// threads; trials without heartbeat and change version; no counters, logs or artifacts.
// Version 2 kept each log stream as one blob (trial_logs), rewritten whole by every append.
void SqlSchema::migrate(int fromVersion)
{
    SqlConnection& c = m_connection;
    for (int v = fromVersion; v < currentVersion; ++v) {
        switch (v) {
        case 1: {
            const char* const alters[] = {
                "ALTER TABLE studies ADD COLUMN app_version TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE studies ADD COLUMN build_flags TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE studies ADD COLUMN threads INTEGER NOT NULL DEFAULT 1",
                "ALTER TABLE trials ADD COLUMN heartbeat BIGINT",
                "ALTER TABLE trials ADD COLUMN version BIGINT NOT NULL DEFAULT 0",
            };
            for (const char* sql : alters)
                c.execRaw(QLatin1String(sql));
            for (const char* sql : kV2Additions)
                c.execRaw(ddl(QLatin1String(sql)));
            // Every existing trial counts as changed once, so a reader starting from 0 sees all.
            c.execRaw(QStringLiteral("INSERT INTO counters (name, value) VALUES ('trial_version', 1)"));
            c.execRaw(QStringLiteral("UPDATE trials SET version = 1"));
            break;
        }
        case 2: {
            // Each stream's one blob becomes its first chunk, ending at its length.
            c.execRaw(ddl(QLatin1String(kV3LogChunks)));
            const QString length = c.dialect() == SqlConnection::Dialect::Sqlite
                                       ? QStringLiteral("length(CAST(content AS BLOB))")
                                       : QStringLiteral("octet_length(content)");
            c.execRaw(QStringLiteral("INSERT INTO trial_log_chunks (trial_id, stream, end_offset, content) "
                                     "SELECT trial_id, stream, %1, content FROM trial_logs WHERE %1 > 0")
                          .arg(length));
            c.execRaw(QStringLiteral("DROP TABLE trial_logs"));
            break;
        }
        default:
            c.fail(QStringLiteral("SqlStorage::migrate(): no migration from schema %1").arg(v));
        }
        c.execRaw(QStringLiteral("UPDATE schema_version SET version = %1").arg(v + 1));
    }
}

int SqlSchema::readVersion()
{
    SqlConnection& c = m_connection;
    int version = 0;
    c.inRead("readSchemaVersion", [&] {
        const QStringList tables = c.userTables();
        if (!tables.contains(QLatin1String("schema_version"))) {
            // An SQLite file is ours alone; a PostgreSQL database may hold other tables.
            const bool foreign = c.dialect() == SqlConnection::Dialect::Sqlite
                                     ? !tables.isEmpty()
                                     : std::any_of(kOurTables.begin(), kOurTables.end(),
                                                   [&](const QString& t) { return tables.contains(t); });
            if (foreign)
                c.fail(QStringLiteral("this is not a Tunewright experiment database: it has tables "
                                      "(%1) but no schema_version")
                           .arg(tables.mid(0, 5).join(QLatin1String(", "))));
            version = 0;
            return;
        }
        QSqlQuery q(c.database());
        if (!q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version"))) {
            if (c.isTransient(q.lastError()))
                throw SqlConnection::TransientError{q.lastError().text()};
            c.failSql(QStringLiteral("cannot read the schema version"), q.lastError());
        }
        version = q.next() && !q.value(0).isNull() ? q.value(0).toInt() : -1;
        if (version < 1)
            c.fail(QStringLiteral("this is not a Tunewright experiment database: its schema_version "
                                  "table is empty"));
    });
    return version;
}

int SqlSchema::readVersionInTransaction()
{
    SqlConnection& c = m_connection;
    const QStringList tables = c.userTables();
    if (!tables.contains(QLatin1String("schema_version")))
        return 0;
    QSqlQuery q(c.database());
    if (!q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) || !q.next()) {
        if (c.isTransient(q.lastError()))
            throw SqlConnection::TransientError{q.lastError().text()};
        c.failSql(QStringLiteral("cannot read the schema version"), q.lastError());
    }
    return q.value(0).toInt();
}

} // namespace tw
