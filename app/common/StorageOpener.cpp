#include "StorageOpener.h"

#include "storage/PgConnectionParams.h"
#include "storage/PostgresStorage.h"
#include "storage/SqliteStorage.h"

namespace tw {

std::unique_ptr<StudyStorage> StorageOpener::open(const StorageUrl& url)
{
    if (url.isSQLite())
        return std::make_unique<SqliteStorage>(url.filePath());
    PgConnectionParams params;
    if (!url.host().isEmpty())
        params.host = url.host().toStdString();
    params.port = url.port();
    params.user = url.user().toStdString();
    params.password = url.password().toStdString();
    params.database = url.database().toStdString();
    const auto options = url.options();
    for (auto it = options.cbegin(); it != options.cend(); ++it)
        params.options[it.key().toStdString()] = it.value().toStdString();
    return std::make_unique<PostgresStorage>(params);
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
