#include "io/CsvTokenizer.h"

#include "io/CsvValue.h"
#include "io/DataError.h"

#include <QIODevice>

#include <cstdio>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace tw {

namespace {

constexpr std::size_t kBlockBytes = std::size_t(1) << 20;
// A record (all its fields) may be at most this long; fields are capped separately.
constexpr std::size_t kMaxRecordBytes = std::size_t(256) << 20;
// More columns than this is not a table we can train on; the cap keeps per-column state small.
constexpr std::size_t kMaxFields = 100000;
// Bytes after the sentinel that 16-byte loads may touch.
constexpr std::size_t kPadding = 64;

// The first byte at or after p that `table` marks: 16 bytes at a time where SSE2 exists.
// `stop` is the one byte besides line ends, NUL and non-ASCII that the table marks (the
// delimiter, or the quote inside quotes). A marked sentinel must follow, then kPadding bytes.
inline const char* findMarked(const char* p, char stop, const std::uint8_t* table)
{
#ifdef __SSE2__
    const __m128i s = _mm_set1_epi8(stop);
    const __m128i lf = _mm_set1_epi8('\n');
    const __m128i cr = _mm_set1_epi8('\r');
    const __m128i nul = _mm_setzero_si128();
    (void)table;
    for (;;) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, s), _mm_cmpeq_epi8(v, lf)),
                                         _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, nul)));
        const unsigned mask = unsigned(_mm_movemask_epi8(hit)) | unsigned(_mm_movemask_epi8(v));
        if (mask)
            return p + __builtin_ctz(mask);
        p += 16;
    }
#else
    (void)stop;
    while (!table[static_cast<unsigned char>(*p)])
        ++p;
    return p;
#endif
}

std::string hexByte(unsigned char c)
{
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02x", c);
    return buf;
}

// Length of the UTF-8 sequence at s (RFC 3629: no overlongs, no surrogates, <= U+10FFFF),
// 0 when invalid, -1 when `avail` bytes are too few to tell.
int utf8Length(const unsigned char* s, std::size_t avail)
{
    const unsigned char c = s[0];
    int need = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c < 0xC2)
        return 0;
    if (c < 0xE0) {
        need = 2;
    } else if (c < 0xF0) {
        need = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c < 0xF5) {
        need = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    for (int i = 1; i < need; ++i) {
        if (std::size_t(i) >= avail)
            return -1;
        const unsigned char lower = i == 1 ? lo : 0x80;
        const unsigned char upper = i == 1 ? hi : 0xBF;
        if (s[i] < lower || s[i] > upper)
            return 0;
    }
    return need;
}

std::string describeByte(char c)
{
    if (c == ' ')
        return "a space";
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f)
        return "byte " + hexByte(static_cast<unsigned char>(c));
    return std::string("'") + c + "'";
}

} // namespace

CsvTokenizer::CsvTokenizer(QIODevice& device, std::string sourceName, std::size_t maxFieldBytes)
    : m_device(device)
    , m_source(std::move(sourceName))
    , m_maxField(maxFieldBytes)
{
    m_buffer.resize(kBlockBytes + 1 + kPadding);
    m_buffer[0] = '\n';
    buildTables();
}

void CsvTokenizer::setDelimiter(char delimiter)
{
    m_delimiter = delimiter;
    buildTables();
}

void CsvTokenizer::buildTables()
{
    m_plain.fill(0);
    m_quoted.fill(0);
    for (int c = 0x80; c < 0x100; ++c)
        m_plain[c] = m_quoted[c] = 1;
    for (unsigned char c : {'\n', '\r', '\0'})
        m_plain[c] = m_quoted[c] = 1;
    m_plain[static_cast<unsigned char>(m_delimiter)] = 1;
    m_quoted[static_cast<unsigned char>('"')] = 1;
}

void CsvTokenizer::fail(long long line, long long column, const std::string& detail) const
{
    throw DataError(m_source, line, column, detail);
}

void CsvTokenizer::fill()
{
    const std::size_t keep = m_end - m_pos;
    if (m_pos > 0 && keep > 0)
        std::memmove(m_buffer.data(), m_buffer.data() + m_pos, keep);
    m_pos = 0;
    m_end = keep;
    std::size_t capacity = m_buffer.size() - 1 - kPadding;
    if (capacity - keep < capacity / 2) {
        // The record in progress fills half the buffer: double it, so that rescanning a
        // long record stays linear overall.
        if (capacity >= kMaxRecordBytes)
            fail(m_line, 0, "record longer than " + std::to_string(kMaxRecordBytes) +
                                " bytes; expected CSV rows of reasonable length");
        capacity *= 2;
        m_buffer.resize(capacity + 1 + kPadding);
    }
    while (!m_eof && m_end < capacity) {
        const qint64 n = m_device.read(m_buffer.data() + m_end, qint64(capacity - m_end));
        if (n < 0)
            fail(0, 0, "read error: " + m_device.errorString().toStdString());
        if (n == 0) {
            m_eof = true;
            break;
        }
        m_end += std::size_t(n);
        if (m_end - keep >= kBlockBytes / 2)
            break;
    }
    if (!m_bomChecked && (m_end >= 3 || m_eof)) {
        m_bomChecked = true;
        if (m_end >= 3 && std::memcmp(m_buffer.data(), "\xEF\xBB\xBF", 3) == 0)
            m_pos = 3;
    }
    m_buffer[m_end] = '\n';
}

std::string_view CsvTokenizer::peek(std::size_t bytes)
{
    while (!m_eof && m_end - m_pos < bytes) {
        const std::size_t before = m_end - m_pos;
        fill();
        if (m_end - m_pos == before && m_eof)
            break;
    }
    return {m_buffer.data() + m_pos, std::min(bytes, m_end - m_pos)};
}

bool CsvTokenizer::next(std::vector<CsvField>& fields)
{
    for (;;) {
        while ((m_pos == m_end || !m_bomChecked) && !m_eof)
            fill();
        if (m_pos == m_end)
            return false;
        while (scan(fields) == Scan::NeedMore)
            fill();
        if (fields.size() == 1 && fields[0].size == 0 && !fields[0].quoted)
            continue;  // a blank line
        for (auto& f : fields) {
            if (!f.escaped)
                continue;
            // Unescape "" in place: the text only shrinks, and the buffer is ours until next().
            char* w = const_cast<char*>(f.data);
            const char* r = f.data;
            const char* e = f.data + f.size;
            while (r != e) {
                if (*r == '"')
                    ++r;  // the first of a pair
                *w++ = *r++;
            }
            f.size = std::uint32_t(w - f.data);
        }
        return true;
    }
}

CsvTokenizer::Scan CsvTokenizer::scan(std::vector<CsvField>& fields)
{
    char* const b = m_buffer.data();
    const std::size_t end = m_end;
    const bool eof = m_eof;
    const char delim = m_delimiter;
    const bool tabIsBlank = delim != '\t';
    std::size_t p = m_pos;
    long long line = m_line;
    std::size_t lineStart = p;
    long long continuation = 0;  // UTF-8 continuation bytes since lineStart
    auto column = [&](std::size_t at) { return (long long)(at - lineStart) - continuation + 1; };
    auto blank = [&](char c) { return c == ' ' || (c == '\t' && tabIsBlank); };
    auto checkCap = [&](std::size_t size, long long fline, long long fcol) {
        if (size > m_maxField)
            fail(fline, fcol,
                 "field longer than " + std::to_string(m_maxField) +
                     " bytes; expected fields of at most that size (an unclosed quote?)");
    };
    // A byte the fast loops stopped at that is neither a delimiter, a quote nor a line end:
    // NUL or the start of a multi-byte character. Returns false when more input is needed.
    auto special = [&](std::size_t& at) -> bool {
        const unsigned char c = static_cast<unsigned char>(b[at]);
        if (c == 0)
            fail(line, column(at), "NUL byte; expected text (is this a binary file?)");
        const int len = utf8Length(reinterpret_cast<const unsigned char*>(b + at), end - at);
        if (len < 0) {
            if (!eof)
                return false;
            fail(line, column(at),
                 "invalid UTF-8: the file ends inside a multi-byte character; expected UTF-8 text");
        }
        if (len == 0)
            fail(line, column(at),
                 "invalid UTF-8 byte " + hexByte(c) + "; expected UTF-8 text" +
                     ((c == 0xFF || c == 0xFE) && line == 1 && column(at) == 1 && fields.empty()
                          ? " (this looks like UTF-16: save the file as UTF-8)"
                          : ""));
        continuation += len - 1;
        at += std::size_t(len);
        return true;
    };

    m_recordLine = line;
    fields.clear();
    for (;;) {
        while (blank(b[p]))
            ++p;
        CsvField field;
        field.line = line;
        field.column = column(p);
        if (b[p] == '"' && p < end) {
            ++p;
            const std::size_t start = p;
            for (;;) {
                p = std::size_t(findMarked(b + p, '"', m_quoted.data()) - b);
                if (p == end) {
                    if (eof)
                        fail(field.line, field.column,
                             "unterminated quote: the quoted field that opens here never "
                             "closes; expected a closing \"");
                    checkCap(p - start, field.line, field.column);
                    return Scan::NeedMore;
                }
                const char c = b[p];
                if (c == '"') {
                    if (p + 1 == end && !eof)
                        return Scan::NeedMore;
                    if (p + 1 < end && b[p + 1] == '"') {
                        field.escaped = true;
                        p += 2;
                        continue;
                    }
                    break;
                }
                if (c == '\n' || c == '\r') {
                    if (c == '\r' && p + 1 == end && !eof)
                        return Scan::NeedMore;
                    if (c == '\r' && p + 1 < end && b[p + 1] == '\n')
                        ++p;
                    ++p;
                    ++line;
                    lineStart = p;
                    continuation = 0;
                    continue;
                }
                if (!special(p))
                    return Scan::NeedMore;
            }
            field.data = b + start;
            field.quoted = true;
            checkCap(p - start, field.line, field.column);
            field.size = std::uint32_t(p - start);
            ++p;  // the closing quote
            while (blank(b[p]))
                ++p;
            if (p == end && !eof)
                return Scan::NeedMore;
            if (p < end && b[p] != delim && b[p] != '\n' && b[p] != '\r')
                fail(line, column(p),
                     "expected a delimiter or the end of the line after a closing quote, found " +
                         describeByte(b[p]) +
                         (line == field.line
                              ? std::string()
                              : " (is the quote opened at line " + std::to_string(field.line) +
                                    ", column " + std::to_string(field.column) + " unclosed?)"));
        } else {
            const std::size_t start = p;
            for (;;) {
                p = std::size_t(findMarked(b + p, delim, m_plain.data()) - b);
                if (p == end) {
                    if (!eof) {
                        checkCap(p - start, field.line, field.column);
                        return Scan::NeedMore;
                    }
                    break;
                }
                const char c = b[p];
                if (c == delim || c == '\n' || c == '\r')
                    break;
                if (!special(p))
                    return Scan::NeedMore;
            }
            std::size_t stop = p;
            while (stop > start && blank(b[stop - 1]))
                --stop;
            checkCap(stop - start, field.line, field.column);
            field.data = b + start;
            field.size = std::uint32_t(stop - start);
        }
        if (fields.size() == kMaxFields)
            fail(field.line, field.column,
                 "more than " + std::to_string(kMaxFields) +
                     " fields in one row; expected at most that many columns");
        fields.push_back(field);
        if (p == end) {  // end of input ends the record
            m_pos = p;
            m_line = line;
            return Scan::Complete;
        }
        if (b[p] == delim) {
            ++p;
            continue;
        }
        if (b[p] == '\r') {
            if (p + 1 == end && !eof)
                return Scan::NeedMore;
            if (p + 1 < end && b[p + 1] == '\n')
                ++p;
        }
        ++p;
        m_pos = p;
        m_line = line + 1;
        return Scan::Complete;
    }
}

} // namespace tw
