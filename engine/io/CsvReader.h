#pragma once
#include "io/CsvOptions.h"
#include "io/LoadedDataset.h"

#include <QByteArray>
#include <QString>

class QIODevice;

namespace tw {

// Reads a CSV file into a Dataset in one streaming pass: the text is read in blocks and
// never held whole; each kept row's cells (numbers, category ids) go into a CellBuffer as
// 4-byte floats. At the end the matrix is allocated at its final size and filled row by
// row while the buffer's chunks are returned to the system, so peak memory is about one
// copy of the data plus a chunk, not the text and the matrix together.
//
// Column types: a column's first non-missing value decides. A number makes it numeric, and
// every later value must then be a number; text makes it a text column, one-hot encoded as
// features "name=value" (categories sorted by byte order). CsvOptions::categorical forces
// text. Class labels are sorted: numerically for a numeric target, by byte order for text.
// Errors throw DataError naming source:line:column and what was expected.
class CsvReader {
public:
    explicit CsvReader(CsvOptions options = {});
    const CsvOptions& options() const { return m_options; }

    // `path` may be a Qt resource (":/datasets/iris.csv").
    LoadedDataset readFile(const QString& path) const;
    // `sourceName` names the input in messages. Any readable device, sequential or not.
    LoadedDataset read(QIODevice& device, const QString& sourceName) const;
    LoadedDataset readBytes(const QByteArray& bytes, const QString& sourceName) const;

    // The delimiter among , ; tab | that splits the sample's first lines into the same
    // number (> 1) of fields, preferring the most fields; ',' when none does.
    static char sniffDelimiter(std::string_view sample);

private:
    CsvOptions m_options;
};

} // namespace tw
