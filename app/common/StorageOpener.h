#pragma once
#include "spec/StorageUrl.h"
#include "study/StudyStorage.h"

#include <memory>

namespace tw {

// Opens the storage a URL names: an SQLite experiment file or a PostgreSQL database.
// Throws StorageError with a message that names the file or server (never a password).
class StorageOpener {
public:
    static std::unique_ptr<StudyStorage> open(const StorageUrl& url);
    // Parses `text` (empty: the default experiment file) and opens it.
    static std::unique_ptr<StudyStorage> open(const QString& text);
};

} // namespace tw
