#pragma once
#include <QByteArray>
#include <QString>

namespace tw {

// Writes a whole file the way a careful user expects (#13): every file the programs write
// goes through here (export, train --save-model, predict --out, the workbench's exports).
//
//  - "-" is standard output.
//  - A regular file (or a name not taken yet) is written to a temporary file in the same
//    folder, synced (fsync), then renamed over the target: the target is either the old
//    content or the whole new one, never a part. A failed write removes the temporary file.
//    An existing file keeps its permission bits; a symbolic link is followed, and its target
//    is replaced.
//  - Anything else that exists (a FIFO, a character device such as /dev/full or /dev/null,
//    a socket) is never replaced: it is opened and written directly. A folder is refused.
//
// Every step is checked to the end (open, each write, fsync, close, rename); the error
// message names the file and the system's reason, "cannot write PATH: No space left on
// device". Callers report it as an environment error (tunewright-cli exits 1).
class FileWriter {
public:
    // Returns an empty string on success, otherwise the message.
    static QString write(const QString& path, const QByteArray& bytes);
    static bool isStdout(const QString& path) { return path == QLatin1String("-"); }
};

} // namespace tw
