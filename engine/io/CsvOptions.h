#pragma once
#include "io/ColumnRef.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tw {

// What to do with a missing value (an empty field, NA, N/A, NaN or ?) in a used column.
// Mean and mode impute feature columns (a text column always takes its mode); a row whose
// target is missing is dropped under drop, mean and mode, since inventing a target would
// teach the model a label nobody observed.
enum class MissingPolicy { Error, Drop, Mean, Mode };
enum class HeaderMode { Auto, Present, Absent };
enum class TaskChoice { Auto, Classification, Regression };

struct CsvOptions {
    char delimiter = 0;  // 0: sniffed among , ; tab |
    HeaderMode header = HeaderMode::Auto;
    std::optional<ColumnRef> target;  // default: the last column
    std::vector<ColumnRef> ignore;
    std::vector<ColumnRef> categorical;  // read as text (one-hot) even when the values are numbers
    MissingPolicy missing = MissingPolicy::Error;
    // Auto: a text target is classification. A numeric target is classification when every
    // value is an integer, there are at most maxAutoClasses distinct values and at least two
    // rows per distinct value on average (digits 0-9); otherwise regression.
    TaskChoice task = TaskChoice::Auto;
    int maxAutoClasses = 20;
    int maxCategories = 1000;  // distinct values of a text column or classes of a target
    std::size_t maxFieldBytes = std::size_t(1) << 20;

    // Sets one option from its spec / command-line name and text value:
    //   target COL, ignore COL[,COL...], categorical COL[,COL...], delimiter (, ; tab | auto
    //   comma semicolon pipe), missing (error drop mean mode), task (auto classification
    //   regression), header (auto yes no), max-field-bytes N.
    // Returns an empty string on success, otherwise what was expected.
    std::string set(std::string_view key, std::string_view value);

    static std::optional<MissingPolicy> parseMissingPolicy(std::string_view text);
    static std::optional<char> parseDelimiter(std::string_view text);  // '\0' for auto
    static std::string toString(MissingPolicy policy);
    static std::string delimiterName(char delimiter);
};

} // namespace tw
