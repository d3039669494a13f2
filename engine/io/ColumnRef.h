#pragma once
#include <optional>
#include <string>
#include <vector>

namespace tw {

// A CSV column chosen by its header name or by its 0-based index (negative counts from the
// end, -1 is the last column).
struct ColumnRef {
    std::string name;
    std::optional<int> index;

    static ColumnRef byName(std::string name);
    static ColumnRef byIndex(int index);
    // User text: "species" is a name; "3" or "-1" is an index unless a column has that name.
    static ColumnRef fromText(std::string text);

    // The 0-based column this refers to among `names`, or nullopt when there is none.
    // Throws std::invalid_argument when a name matches several columns.
    std::optional<int> resolve(const std::vector<std::string>& names) const;
    std::string toString() const;
};

} // namespace tw
