#include "io/CsvHead.h"

#include "io/CsvTokenizer.h"
#include "io/CsvValue.h"

#include <QBuffer>

#include <stdexcept>

namespace tw {

namespace {

QString text(const CsvField& f)
{
    return QString::fromUtf8(f.data, qsizetype(f.size));
}

} // namespace

CsvHead CsvHead::read(const QString& path, const CsvOptions& options, int maxRows, qint64 maxBytes)
{
    const CsvSample sample = CsvSample::read(path, maxBytes);
    CsvHead head = readBytes(sample.bytes, path, options, maxRows);
    head.truncated = head.truncated || !sample.whole;
    return head;
}

CsvHead CsvHead::readBytes(const QByteArray& bytes, const QString& sourceName,
                           const CsvOptions& options, int maxRows)
{
    if (maxRows < 0)
        throw std::invalid_argument("CsvHead::readBytes(): maxRows must be >= 0");
    QByteArray copy = bytes;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    CsvTokenizer tok(buffer, sourceName.toStdString(), options.maxFieldBytes);
    std::vector<CsvField> f;
    CsvHead head;
    head.layout = CsvLayout::start(tok, options, f);
    for (const std::string& name : head.layout.names)
        head.columns << QString::fromStdString(name);
    head.missing.assign(head.layout.columnCount(), 0);
    bool pending = !head.layout.header; // without a header the first record is data
    while (pending || tok.next(f)) {
        pending = false;
        head.layout.checkFieldCount(f);
        if (head.rows.size() == maxRows) {
            head.truncated = true;
            break;
        }
        QStringList row;
        row.reserve(qsizetype(f.size()));
        for (std::size_t j = 0; j < f.size(); ++j) {
            row << text(f[j]);
            if (CsvValue::isMissing(f[j].view()))
                ++head.missing[j];
        }
        head.rows << row;
    }
    return head;
}

bool CsvHead::isMissing(const QString& cell)
{
    return CsvValue::isMissing(cell.toStdString());
}

} // namespace tw
