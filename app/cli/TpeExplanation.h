#pragma once
#include "analysis/ParzenRebuild.h"
#include "core/FrozenTrial.h"

#include <QJsonObject>
#include <QString>

namespace tw::cli {

// `tunewright-cli explain` for a TPE trial (#16 item 7): the JSON of docs/study-spec.md
// ("explain, TPE trials") from the rebuilt estimators, and its table form.
class TpeExplanation {
public:
    static QJsonObject json(const FrozenTrial& trial, const QString& method, const ParzenRebuild& r);
    static QString table(const QJsonObject& o);
};

} // namespace tw::cli
