#pragma once
#include <QtGlobal>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

class QIODevice;

namespace tw {

// One field of a CSV record. `data` points into the tokenizer's buffer and stays valid until
// the next call to CsvTokenizer::next(). Quotes are removed and "" unescaped; unquoted fields
// are trimmed of spaces (and tabs, unless tab is the delimiter).
struct CsvField {
    const char* data = nullptr;
    std::uint32_t size = 0;
    bool quoted = false;
    bool escaped = false;  // held "" before unescaping
    long long line = 0;    // 1-based, where the field's text starts
    long long column = 0;  // 1-based, in characters (UTF-8 code points)
    std::string_view view() const { return {data, size}; }
};

// Splits a byte stream into RFC 4180 records while reading it in blocks: only the current
// record and one block are held, never the whole file. It also checks what any CSV must be:
// UTF-8 text (a BOM is skipped) without NUL bytes, closed quotes, fields no longer than a cap.
// Line ends are LF, CRLF or a lone CR, inside quotes too. Blank lines are skipped.
class CsvTokenizer {
public:
    CsvTokenizer(QIODevice& device, std::string sourceName, std::size_t maxFieldBytes);

    // Up to `bytes` bytes from the start of the text (after any BOM), for delimiter sniffing.
    std::string_view peek(std::size_t bytes);
    void setDelimiter(char delimiter);
    // The next non-blank record; false at the end of the input. Throws DataError.
    bool next(std::vector<CsvField>& fields);

    long long recordLine() const { return m_recordLine; }  // where the last record started
    long long lineCount() const { return m_line; }          // lines consumed so far
    const std::string& sourceName() const { return m_source; }
    [[noreturn]] void fail(long long line, long long column, const std::string& detail) const;

private:
    enum class Scan { Complete, NeedMore };
    Scan scan(std::vector<CsvField>& fields);
    void fill();
    void buildTables();

    QIODevice& m_device;
    std::string m_source;
    std::size_t m_maxField;
    char m_delimiter = ',';
    std::vector<char> m_buffer;  // one byte past m_end holds a '\n' sentinel
    std::size_t m_pos = 0;       // start of the unread text
    std::size_t m_end = 0;
    bool m_eof = false;
    bool m_bomChecked = false;
    long long m_line = 1;  // line number at m_pos
    long long m_recordLine = 0;
    std::array<std::uint8_t, 256> m_plain{};   // bytes that stop an unquoted field
    std::array<std::uint8_t, 256> m_quoted{};  // bytes that stop a quoted field
};

} // namespace tw
