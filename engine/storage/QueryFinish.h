#pragma once
#include <QSqlQuery>

namespace tw {

// Releases a statement's cursor when leaving a scope: an SQLite statement left open keeps
// its read snapshot alive.
struct QueryFinish {
    QSqlQuery& q;
    ~QueryFinish() { q.finish(); }
};

} // namespace tw
