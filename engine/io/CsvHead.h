#pragma once
#include "io/CsvLayout.h"
#include "io/CsvOptions.h"
#include "io/CsvSample.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

namespace tw {

// The first rows of a CSV file as a trial's read sees them, for the Setup tab's preview
// (#18): a bounded read through the reader's own machinery (CsvSample for the bytes,
// CsvTokenizer for the records, CsvLayout for the delimiter, the header and the column
// names, CsvValue for the missing tokens). Values are kept as text; their types and the
// reader options that act on them (target, missing policy) are the full read's business.
struct CsvHead {
    static constexpr int kDefaultRows = 200;

    CsvLayout layout;
    QStringList columns;        // layout.names
    QList<QStringList> rows;    // data rows in file order, each with columns.size() cells
    std::vector<long long> missing; // per column: the missing values among `rows`
    bool truncated = false;     // the file holds rows beyond `rows`

    // Throws DataError as CsvReader would on the same first bytes (no such file, not UTF-8,
    // an unclosed quote, an empty file, a ragged row).
    static CsvHead read(const QString& path, const CsvOptions& options,
                        int maxRows = kDefaultRows, qint64 maxBytes = CsvSample::kDefaultBytes);
    static CsvHead readBytes(const QByteArray& bytes, const QString& sourceName,
                             const CsvOptions& options, int maxRows = kDefaultRows);
    // A missing value to the reader: empty, ?, NA, N/A, NaN in any letter case.
    static bool isMissing(const QString& cell);
};

} // namespace tw
