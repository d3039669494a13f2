#include "StorageOpener.h"

#include "storage/StorageBackends.h"

#include <QFile>
#include <QFileInfo>

#include <unistd.h>

namespace tw {

std::unique_ptr<StudyStorage> StorageOpener::open(const StorageUrl& url, StorageAccess access)
{
    if (url.isSQLite())
        return StorageBackends::openSqlite(url.filePath(), access);
    return StorageBackends::openPostgres(url.postgresParams(), access);
}

std::unique_ptr<StudyStorage> StorageOpener::open(const QString& text, StorageAccess access)
{
    if (text.isEmpty())
        return open(StorageUrl::defaultUrl(), access);
    auto parsed = StorageUrl::parse(text);
    if (!parsed)
        throw StorageError(parsed.error().toStdString());
    return open(parsed.value(), access);
}

bool StorageOpener::isReadOnlyFile(const StorageUrl& url)
{
    if (!url.isSQLite())
        return false;
    const QString path = url.filePath();
    if (!QFileInfo::exists(path))
        return false;
    // access(2) answers for this user and sees read-only mounts (EROFS), even for root.
    // SQLite writes its journal and WAL index next to the file, so the folder counts too.
    return ::access(QFile::encodeName(path).constData(), W_OK) != 0 ||
           ::access(QFile::encodeName(QFileInfo(path).absolutePath()).constData(), W_OK) != 0;
}

} // namespace tw
