#pragma once
#include "core/FrozenTrial.h"
#include "core/StudyDirection.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace tw::cli {

// Trials as an aligned text table for a terminal: number, state, value, duration and
// one column per parameter (long values are shortened).
class TrialTable {
public:
    static QString render(const std::vector<FrozenTrial>& trials, const QString& metric,
                          int maxRows = -1);
    // Sorts by a key: number, value (best first for the direction), duration, state,
    // or a parameter's name. Returns false for an unknown key.
    static bool sort(std::vector<FrozenTrial>& trials, const QString& key, StudyDirection direction);
    // Complete trials, best first.
    static std::vector<FrozenTrial> ranked(std::vector<FrozenTrial> trials, StudyDirection direction);
};

} // namespace tw::cli
