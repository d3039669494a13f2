#pragma once
#include <QChar>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace tw::widgets {

// The first rows of a CSV file, for the Setup tab's preview table only: the real import is
// the engine's (engine/io). Reads at most `maxRows` records from the first `maxBytes` of
// the file. Quoted fields may hold the delimiter, doubled quotes and line breaks. The
// delimiter is sniffed among , ; tab | unless given: the one that splits the first rows
// into the most consistent number of fields (more than one) wins. A header is assumed
// when some column holds a non-number in its first row and numbers below it, or when
// every column is text and the first row's values are names that do not recur below.
class CsvPreview {
public:
    struct Options {
        std::optional<QChar> delimiter;
        std::optional<bool> header;
        int maxRows = 200;
        qint64 maxBytes = 1 << 20;
    };

    static CsvPreview read(const QString& fileName, const Options& options);
    static CsvPreview read(const QString& fileName) { return read(fileName, Options{}); }
    static CsvPreview fromText(const QString& text, const Options& options);
    static QChar sniffDelimiter(const QString& text);
    // Splits text into records (at most maxRecords; -1: all). `complete` tells whether the
    // last record ended with a line break or the end of the text rather than inside quotes.
    static QList<QStringList> parseRecords(const QString& text, QChar delimiter, int maxRecords,
                                           bool* endedInQuotes = nullptr);

    bool ok() const { return m_error.isEmpty(); }
    const QString& error() const { return m_error; }
    const QString& fileName() const { return m_fileName; }
    QChar delimiter() const { return m_delimiter; }
    bool hasHeader() const { return m_header; }
    // Names from the header row (an empty name becomes "column N"), else "column 0" ...
    const QStringList& columns() const { return m_columns; }
    int columnCount() const { return static_cast<int>(m_columns.size()); }
    // Data rows (the header excluded), each padded to columnCount().
    const QList<QStringList>& rows() const { return m_rows; }
    // More of the file than the preview holds.
    bool truncated() const { return m_truncated; }

private:
    QString m_fileName;
    QString m_error;
    QChar m_delimiter = u',';
    bool m_header = false;
    QStringList m_columns;
    QList<QStringList> m_rows;
    bool m_truncated = false;
};

} // namespace tw::widgets
