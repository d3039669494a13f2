#pragma once
#include "spec/StorageUrl.h"
#include "storage/StorageAccess.h"
#include "study/StudyStorage.h"

#include <memory>

namespace tw {

// Opens the storage a URL names: an SQLite experiment file or a PostgreSQL database.
// Throws StorageError with a message that names the file or server (never a password);
// StorageEnvironmentError when the machine is at fault (disk full, read-only, no server).
// Commands that only read pass StorageAccess::ReadOnly: they create nothing ("no such
// experiment file: PATH") and read files that cannot be written.
class StorageOpener {
public:
    static std::unique_ptr<StudyStorage> open(const StorageUrl& url,
                                              StorageAccess access = StorageAccess::Create);
    // Parses `text` (empty: the default experiment file) and opens it.
    static std::unique_ptr<StudyStorage> open(const QString& text,
                                              StorageAccess access = StorageAccess::Create);
    // Whether an existing experiment file can only be read here: the file, its folder or its
    // file system refuses writes (what the workbench opens read-only). False for a missing
    // file and for PostgreSQL.
    static bool isReadOnlyFile(const StorageUrl& url);
};

} // namespace tw
