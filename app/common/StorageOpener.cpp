#include "StorageOpener.h"

#include "storage/PostgresStorage.h"
#include "storage/SqliteStorage.h"

namespace tw {

std::unique_ptr<StudyStorage> StorageOpener::open(const StorageUrl& url)
{
    if (url.isSQLite())
        return std::make_unique<SqliteStorage>(url.filePath());
    return std::make_unique<PostgresStorage>(url.postgresParams());
}

std::unique_ptr<StudyStorage> StorageOpener::open(const QString& text)
{
    if (text.isEmpty())
        return open(StorageUrl::defaultUrl());
    auto parsed = StorageUrl::parse(text);
    if (!parsed)
        throw StorageError(parsed.error().toStdString());
    return open(parsed.value());
}

} // namespace tw
