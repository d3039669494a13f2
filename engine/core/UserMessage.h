#pragma once
#include <string>

namespace tw {

// Messages that reach users never show the code's internal names (#13): a check deep in the
// engine may say "DataSplitter::holdout(): 10 rows leave no training rows ...", and the user
// reads "10 rows leave no training rows ...". Applied where messages leave the engine (the
// storage's errors, a train objective's failure, a study's setup errors).
class UserMessage {
public:
    // `text` without "Class::method(): " (and "SqlStorage: ", "SqliteStorage: ",
    // "PostgresStorage: ") wherever they occur.
    static std::string clean(const std::string& text);
};

} // namespace tw
