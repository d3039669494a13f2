#pragma once
#include "spec/ParseResult.h"

#include <QByteArray>
#include <QString>

namespace tw {

// Reads a whole small input file: a study spec, a --params @FILE, a model file, any JSON
// file the programs read (#13). The file must be a regular file (not a FIFO, a device such
// as /dev/zero, or a folder) of at most `limit` bytes, so that reading it neither blocks nor
// runs without end. A FIFO is opened without blocking and refused.
//
// Messages name the file: "PATH: not a regular file (it is a FIFO); expected a file",
// "PATH: larger than 64 MiB (70.2 MiB); expected a spec or params file",
// "PATH: cannot read: No such file or directory".
class FileReader {
public:
    static constexpr qint64 defaultLimit = qint64(64) << 20;  // 64 MiB

    // `shownAs` names the file in messages (default: `path`).
    static ParseResult<QByteArray> readAll(const QString& path, const QString& shownAs = {},
                                           qint64 limit = defaultLimit);
};

} // namespace tw
