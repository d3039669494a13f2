#pragma once
#include "io/CsvOptions.h"

#include <cstddef>
#include <string>
#include <vector>

namespace tw {

class CsvTokenizer;
struct CsvField;

// How a CSV file's records are laid out: the delimiter (given, or sniffed from the first
// 64 KiB), whether the first record is a header, the column names and the field count every
// data record must have. CsvReader and CsvHead both start a file through start(), so the
// Setup tab's preview lays a file out exactly as a trial's read does (#18).
struct CsvLayout {
    std::string source;          // the input's name in messages
    char delimiter = ',';
    bool header = false;
    long long headerLine = 1;    // where the first record is
    // The header's cells; "column_0", "column_1", ... without a header and for empty cells.
    std::vector<std::string> names;

    // Sets the tokenizer's delimiter, reads the first record into `first` and decides the
    // header. Throws DataError on an input without records.
    static CsvLayout start(CsvTokenizer& tokenizer, const CsvOptions& options,
                           std::vector<CsvField>& first);
    // The header rule of HeaderMode::Auto: a field names the target column, or no field is
    // a number and at least one is text (not a missing value).
    static bool looksLikeHeader(const std::vector<CsvField>& fields, const CsvOptions& options);
    static std::string defaultName(std::size_t column);

    std::size_t columnCount() const { return names.size(); }
    // Throws DataError unless the data record `fields` has columnCount() fields.
    void checkFieldCount(const std::vector<CsvField>& fields) const;
    // "csv, semicolon-delimited, header row".
    std::string describe() const;
};

} // namespace tw
