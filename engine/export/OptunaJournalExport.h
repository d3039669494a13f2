#pragma once
#include "core/FrozenTrial.h"
#include "core/StudyRecord.h"

#include <QByteArray>

#include <vector>

namespace tw {

// `export --optuna-journal FILE`: an Optuna 3.1 journal (JSON lines, one operation per
// line) that `JournalStorage(JournalFileStorage(FILE))` loads with the same study
// name, direction, trial states, params (with their distributions), values and
// intermediate values. Each trial is written as one CREATE_TRIAL operation carrying
// its final state, as Optuna itself does when it copies a finished trial.
class OptunaJournalExport {
public:
    static QByteArray write(const StudyRecord& study, const std::vector<FrozenTrial>& trials);
    // Optuna's own JSON of a distribution ({"name": "FloatDistribution", "attributes": ...}).
    static QByteArray distributionJson(const Distribution& d);
};

} // namespace tw
