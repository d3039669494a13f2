#pragma once
#include <QByteArray>
#include <QString>

namespace tw {

// The head of a CSV file, for the checks made before a study starts (#13): at most
// `maxBytes`, cut after the last complete row (a line end outside quotes), so that a
// reader sees the header and the first rows as they are in the file.
struct CsvSample {
    static constexpr qint64 kDefaultBytes = qint64(1) << 20; // 1 MiB

    QByteArray bytes;
    bool whole = false; // the sample is the whole file

    // Throws DataError when `path` is not a readable regular file ("no such file",
    // "not a regular file", "cannot open: ...").
    static CsvSample read(const QString& path, qint64 maxBytes = kDefaultBytes);
};

} // namespace tw
