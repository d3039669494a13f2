#pragma once
#include <string>
#include <vector>

namespace tw {

struct Dataset;

// What one input column became: for `dataset inspect` and the GUI's data page.
struct ColumnSummary {
    enum class Role { Feature, Target, Ignored };
    enum class Type { Numeric, Text, Unknown };  // Unknown: ignored, never read

    std::string name;
    Role role = Role::Feature;
    Type type = Type::Numeric;
    long long missing = 0;     // missing values in the file's data rows (before drop/impute)
    std::vector<long long> missingLines;  // the file lines of the first few (kMissingLinesKept)
    int categories = 0;        // distinct values of a text column
    int firstFeature = -1;     // its first column in Dataset::x, -1 when none
    int featureCount = 0;      // 1 for numeric, one per category for one-hot text

    static constexpr std::size_t kMissingLinesKept = 5;

    static const char* roleName(Role role);
    static const char* typeName(Type type);
};

} // namespace tw
