#include "storage/StorageBackends.h"

#include "storage/PostgresStorage.h"
#include "storage/SqliteStorage.h"

namespace tw {

std::unique_ptr<StudyStorage> StorageBackends::openSqlite(const QString& absolutePath, StorageAccess access)
{
    return std::make_unique<SqliteStorage>(absolutePath, access);
}

std::unique_ptr<StudyStorage> StorageBackends::openPostgres(const PgConnectionParams& params, StorageAccess access)
{
    return std::make_unique<PostgresStorage>(params, access);
}

} // namespace tw
