#include "io/ColumnRef.h"

#include <charconv>
#include <stdexcept>

namespace tw {

ColumnRef ColumnRef::byName(std::string name)
{
    ColumnRef r;
    r.name = std::move(name);
    return r;
}

ColumnRef ColumnRef::byIndex(int index)
{
    ColumnRef r;
    r.index = index;
    return r;
}

ColumnRef ColumnRef::fromText(std::string text)
{
    ColumnRef r;
    int value = 0;
    const char* first = text.data();
    const char* last = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(first, last, value);
    if (!text.empty() && ec == std::errc() && ptr == last)
        r.index = value;
    r.name = std::move(text);  // a column named "3" still wins over index 3
    return r;
}

std::optional<int> ColumnRef::resolve(const std::vector<std::string>& names) const
{
    if (!name.empty()) {
        std::optional<int> found;
        for (size_t i = 0; i < names.size(); ++i) {
            if (names[i] != name)
                continue;
            if (found)
                throw std::invalid_argument("column name '" + name + "' is ambiguous: columns " +
                                            std::to_string(*found) + " and " + std::to_string(i) +
                                            " both have it");
            found = static_cast<int>(i);
        }
        if (found)
            return found;
    }
    if (index) {
        const int n = static_cast<int>(names.size());
        const int i = *index < 0 ? n + *index : *index;
        if (i >= 0 && i < n)
            return i;
    }
    return std::nullopt;
}

std::string ColumnRef::toString() const
{
    if (!name.empty())
        return "'" + name + "'";
    return index ? "index " + std::to_string(*index) : std::string("(none)");
}

} // namespace tw
