#include "setup/CsvPreview.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <map>

namespace tw::widgets {

namespace {

bool isNumber(const QString& s)
{
    bool ok = false;
    s.trimmed().toDouble(&ok);
    return ok;
}

bool isMissing(const QString& s)
{
    const QString t = s.trimmed();
    return t.isEmpty() || t == QLatin1String("NA") || t == QLatin1String("NaN") ||
           t == QLatin1String("?");
}

} // namespace

QList<QStringList> CsvPreview::parseRecords(const QString& text, QChar delimiter, int maxRecords,
                                            bool* endedInQuotes)
{
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool inQuotes = false;
    bool quoted = false;     // the current field started with a quote
    bool fieldStart = true;  // nothing read yet for the current field
    auto endField = [&] {
        record << (quoted ? field : field.trimmed());
        field.clear();
        quoted = false;
        fieldStart = true;
    };
    auto endRecord = [&] {
        const bool wasQuoted = quoted;
        endField();
        // A blank line is no record.
        if (!(record.size() == 1 && record.first().isEmpty() && !wasQuoted))
            records << record;
        record.clear();
    };
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        if (maxRecords >= 0 && records.size() >= maxRecords)
            break;
        const QChar c = text[i];
        if (inQuotes) {
            if (c == u'"') {
                if (i + 1 < n && text[i + 1] == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                field += c;
            }
            continue;
        }
        if (c == u'"' && fieldStart) {
            inQuotes = true;
            quoted = true;
            fieldStart = false;
        } else if (c == delimiter) {
            endField();
        } else if (c == u'\r' || c == u'\n') {
            if (c == u'\r' && i + 1 < n && text[i + 1] == u'\n')
                ++i;
            endRecord();
        } else {
            if ((fieldStart || quoted) && (c == u' ' || c == u'\t'))
                continue; // blanks before an opening quote or after a closing one
            field += c;
            fieldStart = false;
        }
    }
    if (endedInQuotes)
        *endedInQuotes = inQuotes;
    if ((maxRecords < 0 || records.size() < maxRecords) && (!field.isEmpty() || !record.isEmpty() || quoted))
        endRecord();
    return records;
}

QChar CsvPreview::sniffDelimiter(const QString& text)
{
    const QChar candidates[] = {u',', u';', u'\t', u'|'};
    QChar best = u',';
    double bestScore = 0;
    int bestFields = 1;
    for (QChar d : candidates) {
        const QList<QStringList> records = parseRecords(text, d, 20);
        if (records.isEmpty())
            continue;
        std::map<qsizetype, int> counts;
        for (const QStringList& r : records)
            ++counts[r.size()];
        const auto mode = std::max_element(counts.begin(), counts.end(), [](auto& a, auto& b) {
            return a.second < b.second || (a.second == b.second && a.first < b.first);
        });
        if (mode->first < 2)
            continue;
        const double consistency = double(mode->second) / double(records.size());
        if (consistency > bestScore ||
            (consistency == bestScore && mode->first > bestFields)) {
            bestScore = consistency;
            bestFields = static_cast<int>(mode->first);
            best = d;
        }
    }
    return best;
}

CsvPreview CsvPreview::fromText(const QString& input, const Options& options)
{
    CsvPreview p;
    QString text = input;
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    p.m_delimiter = options.delimiter.value_or(sniffDelimiter(text));
    const int wanted = options.maxRows + 1; // one more, for the header
    bool endedInQuotes = false;
    QList<QStringList> records = parseRecords(text, p.m_delimiter, wanted + 1, &endedInQuotes);
    if (records.size() > wanted) {
        records.resize(wanted);
        p.m_truncated = true;
    }
    if (records.isEmpty()) {
        p.m_error = QStringLiteral("the file holds no rows");
        return p;
    }
    qsizetype columns = 0;
    for (const QStringList& r : records)
        columns = std::max(columns, r.size());

    if (options.header) {
        p.m_header = *options.header;
    } else if (records.size() == 1) {
        p.m_header = std::none_of(records[0].begin(), records[0].end(), isNumber);
    } else {
        const QStringList& first = records[0];
        bool numbersBelowText = false;
        bool allText = true;
        for (qsizetype c = 0; c < first.size(); ++c) {
            int numeric = 0, present = 0;
            for (qsizetype r = 1; r < records.size(); ++r) {
                if (c >= records[r].size() || isMissing(records[r][c]))
                    continue;
                ++present;
                numeric += isNumber(records[r][c]) ? 1 : 0;
            }
            if (present > 0 && numeric * 2 >= present) {
                allText = false;
                if (!isNumber(first[c]) && !isMissing(first[c]))
                    numbersBelowText = true;
            }
        }
        bool namesLike = false;
        if (!numbersBelowText && allText) {
            // Every column is text: a header's names are non-empty and do not recur below.
            namesLike = std::none_of(first.begin(), first.end(),
                                     [](const QString& s) { return s.trimmed().isEmpty(); });
            for (qsizetype c = 0; c < first.size() && namesLike; ++c)
                for (qsizetype r = 1; r < records.size() && namesLike; ++r)
                    if (c < records[r].size() && records[r][c] == first[c])
                        namesLike = false;
        }
        p.m_header = numbersBelowText || namesLike;
    }

    if (p.m_header) {
        const QStringList names = records.takeFirst();
        for (qsizetype c = 0; c < columns; ++c) {
            const QString name = c < names.size() ? names[c].trimmed() : QString();
            p.m_columns << (name.isEmpty() ? QStringLiteral("column %1").arg(c) : name);
        }
    } else {
        for (qsizetype c = 0; c < columns; ++c)
            p.m_columns << QStringLiteral("column %1").arg(c);
        if (records.size() > options.maxRows) {
            records.resize(options.maxRows);
            p.m_truncated = true;
        }
    }
    if (p.m_header && records.size() > options.maxRows) {
        records.resize(options.maxRows);
        p.m_truncated = true;
    }
    for (QStringList& r : records)
        while (r.size() < columns)
            r << QString();
    p.m_rows = records;
    return p;
}

CsvPreview CsvPreview::read(const QString& fileName, const Options& options)
{
    CsvPreview p;
    QFile f(fileName);
    if (!f.open(QIODevice::ReadOnly)) {
        p.m_fileName = fileName;
        p.m_error = QStringLiteral("%1: cannot read: %2").arg(fileName, f.errorString());
        return p;
    }
    QByteArray bytes = f.read(options.maxBytes);
    const bool cut = !f.atEnd();
    if (cut) {
        // Drop the last, partial line so the preview never shows a half record.
        const qsizetype nl = bytes.lastIndexOf('\n');
        if (nl > 0)
            bytes.truncate(nl + 1);
    }
    p = fromText(QString::fromUtf8(bytes), options);
    p.m_fileName = fileName;
    p.m_truncated = p.m_truncated || cut;
    if (!p.m_error.isEmpty())
        p.m_error = QStringLiteral("%1: %2").arg(QFileInfo(fileName).fileName(), p.m_error);
    return p;
}

} // namespace tw::widgets
