#include "io/CsvLayout.h"

#include "io/CsvReader.h"
#include "io/CsvTokenizer.h"
#include "io/CsvValue.h"
#include "io/DataError.h"

namespace tw {

namespace {

constexpr std::size_t kSniffBytes = 64 * 1024;

} // namespace

CsvLayout CsvLayout::start(CsvTokenizer& tok, const CsvOptions& options,
                           std::vector<CsvField>& first)
{
    CsvLayout layout;
    layout.source = tok.sourceName();
    layout.delimiter = options.delimiter;
    if (layout.delimiter == 0)
        layout.delimiter = CsvReader::sniffDelimiter(tok.peek(kSniffBytes));
    tok.setDelimiter(layout.delimiter);
    if (!tok.next(first))
        throw DataError(layout.source, 1, 1, "empty file; expected a header row and data rows");
    layout.headerLine = tok.recordLine();
    layout.header = options.header == HeaderMode::Present ||
                    (options.header == HeaderMode::Auto && looksLikeHeader(first, options));
    layout.names.resize(first.size());
    for (std::size_t j = 0; j < first.size(); ++j)
        layout.names[j] = layout.header && first[j].size > 0 ? std::string(first[j].view())
                                                             : defaultName(j);
    return layout;
}

bool CsvLayout::looksLikeHeader(const std::vector<CsvField>& fields, const CsvOptions& options)
{
    if (options.target && !options.target->name.empty())
        for (const auto& f : fields)
            if (f.view() == options.target->name)
                return true;
    bool anyText = false;
    for (const auto& f : fields) {
        if (CsvValue::isNumber(f.view()))
            return false;
        anyText = anyText || !CsvValue::isMissing(f.view());
    }
    return anyText;
}

std::string CsvLayout::defaultName(std::size_t column)
{
    return "column_" + std::to_string(column);
}

void CsvLayout::checkFieldCount(const std::vector<CsvField>& f) const
{
    const std::size_t n = columnCount();
    if (f.size() == n)
        return;
    const bool extra = f.size() > n;
    const CsvField& at = extra ? f[n] : f.back();
    throw DataError(source, at.line, at.column,
                    "expected " + std::to_string(n) + " fields as in line " +
                        std::to_string(headerLine) + ", found " + std::to_string(f.size()) +
                        (extra ? "" : " (a ragged row)"));
}

std::string CsvLayout::describe() const
{
    return "csv, " + CsvOptions::delimiterName(delimiter) + "-delimited, " +
           (header ? "header row" : "no header row");
}

} // namespace tw
