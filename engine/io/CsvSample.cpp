#include "io/CsvSample.h"

#include "io/DataError.h"

#include <QFile>
#include <QFileInfo>

namespace tw {

CsvSample CsvSample::read(const QString& path, qint64 maxBytes)
{
    const QFileInfo info(path);
    const std::string where = path.toStdString();
    if (!info.exists())
        throw DataError(where, 0, 0, "no such file; expected a CSV file");
    // A FIFO or a device would block or never end: only regular files are sampled.
    if (!info.isFile())
        throw DataError(where, 0, 0, "not a regular file; expected a CSV file");
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw DataError(where, 0, 0,
                        "cannot open: " + file.errorString().toStdString() +
                            "; expected a readable CSV file");
    CsvSample sample;
    sample.bytes = file.read(maxBytes + 1);
    if (sample.bytes.size() <= maxBytes && file.atEnd()) {
        sample.whole = true;
        return sample;
    }
    sample.bytes.truncate(maxBytes);
    // Quotes inside a quoted field are doubled, so a line end is outside quotes exactly when
    // an even number of quotes precedes it.
    qsizetype lastRowEnd = -1;
    bool quoted = false;
    for (qsizetype i = 0; i < sample.bytes.size(); ++i) {
        const char c = sample.bytes[i];
        if (c == '"')
            quoted = !quoted;
        else if (c == '\n' && !quoted)
            lastRowEnd = i;
    }
    sample.bytes.truncate(lastRowEnd + 1); // no complete row: empty, and the reader says so
    return sample;
}

} // namespace tw
