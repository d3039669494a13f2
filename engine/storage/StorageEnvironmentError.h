#pragma once
#include "study/StudyStorage.h"

namespace tw {

// A storage failure that is the machine's, not the input's (#13): the disk is full, the
// file or its file system is read-only, an I/O error, a server that cannot be reached, a
// database that stayed busy. tunewright-cli exits 1 for it (2 for other StorageErrors).
// The message says what happened in words, never the SQL that met it.
class StorageEnvironmentError : public StorageError {
public:
    using StorageError::StorageError;
};

} // namespace tw
