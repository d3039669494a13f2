#pragma once
#include <QString>

namespace tw {

class SqlConnection;

// The SQL schema of an experiment (layout in SqlStorage.h): creating it, reading its version
// and migrating older versions, in either dialect. Runs on the connection it is given;
// create and migrate run inside the caller's write transaction.
class SqlSchema {
public:
    static constexpr int currentVersion = 3;

    explicit SqlSchema(SqlConnection& connection) : m_connection(connection) {}

    // The stored schema version, in a read transaction of its own: 0 for an empty database.
    // Throws StorageError for a database that has tables but none of ours.
    int readVersion();
    // The same inside the caller's transaction, without the foreign-database check.
    int readVersionInTransaction();
    // The current layout, into an empty database.
    void create();
    // From `fromVersion` (1 or 2) up to currentVersion, one step at a time.
    void migrate(int fromVersion);

private:
    // {ID} and {BLOB} in the dialect's words.
    QString ddl(const QString& sql) const;

    SqlConnection& m_connection;
};

} // namespace tw
