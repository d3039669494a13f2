#pragma once
#include "storage/PgConnectionParams.h"
#include "storage/StorageAccess.h"
#include "study/StudyStorage.h"

#include <QString>

#include <memory>

namespace tw {

// The storage backends behind a header without Qt SQL: tw_storage links Qt6::Sql PRIVATE,
// so code outside engine/storage (app/common's StorageOpener) opens a backend here and never
// sees QSqlDatabase. Same contracts and errors as the SqliteStorage and PostgresStorage
// constructors.
class StorageBackends {
public:
    static std::unique_ptr<StudyStorage> openSqlite(const QString& absolutePath,
                                                    StorageAccess access = StorageAccess::Create);
    static std::unique_ptr<StudyStorage> openPostgres(const PgConnectionParams& params,
                                                      StorageAccess access = StorageAccess::Create);
};

} // namespace tw
