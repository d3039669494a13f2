#pragma once
#include "core/FrozenTrial.h"

#include <QByteArray>
#include <QStringList>

#include <vector>

namespace tw {

// The leaderboard CSV shared by the GUI and `export --trials`: one row per trial with the
// columns number, state, value, duration_s, then one column per param (RFC 4180 quoting;
// categoricals as their compact JSON choice, strings unquoted inside the JSON sense).
class LeaderboardCsv {
public:
    // paramNames: the column order; empty means every param seen, sorted by name.
    static QByteArray write(const std::vector<FrozenTrial>& trials, QStringList paramNames = {});
    static QString quote(const QString& field);
};

} // namespace tw
