#include "core/UserMessage.h"

#include <cctype>
#include <string_view>

namespace tw {

namespace {

bool identChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The length of "Name::name(): " at `i` (an identifier, one or more "::name" parts, then
// "()" and ": " or ":" or " "), or 0.
std::size_t qualifiedCallAt(const std::string& s, std::size_t i)
{
    if (i > 0 && identChar(s[i - 1]))
        return 0;
    if (!std::isalpha(static_cast<unsigned char>(s[i])) && s[i] != '_')
        return 0;
    std::size_t j = i;
    while (j < s.size() && identChar(s[j]))
        ++j;
    int parts = 0;
    while (j + 2 < s.size() && s[j] == ':' && s[j + 1] == ':') {
        std::size_t k = j + 2;
        if (k < s.size() && s[k] == '~')
            ++k;
        const std::size_t start = k;
        while (k < s.size() && identChar(s[k]))
            ++k;
        if (k == start)
            return 0;
        j = k;
        ++parts;
    }
    if (parts == 0 || s.compare(j, 2, "()") != 0)
        return 0;
    j += 2;
    if (s.compare(j, 2, ": ") == 0)
        j += 2;
    else if (j < s.size() && (s[j] == ':' || s[j] == ' '))
        j += 1;
    return j - i;
}

} // namespace

std::string UserMessage::clean(const std::string& text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        if (const std::size_t n = qualifiedCallAt(text, i)) {
            i += n;
            continue;
        }
        bool dropped = false;
        for (std::string_view prefix : {"SqlStorage: ", "SqliteStorage: ", "PostgresStorage: "}) {
            if ((i == 0 || !identChar(text[i - 1])) && text.compare(i, prefix.size(), prefix) == 0) {
                i += prefix.size();
                dropped = true;
                break;
            }
        }
        if (!dropped)
            out += text[i++];
    }
    return out;
}

} // namespace tw
