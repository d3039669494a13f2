#pragma once
#include "core/FrozenTrial.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <vector>

namespace tw {

// The `trials --format json` format of docs/study-spec.md: number, state, value (null
// unless complete), params (categoricals as their JSON choice), intermediate (step as a
// string), started (ISO 8601 UTC), duration_s, reason. NaN and ±inf become the strings
// "nan", "inf" and "-inf" (io/JsonNumber).
class TrialJson {
public:
    static QJsonObject toJson(const FrozenTrial& trial);
    static QJsonArray toJson(const std::vector<FrozenTrial>& trials);
    static QJsonObject params(const FrozenTrial& trial);
    static QString isoUtc(const TimePoint& t);
};

} // namespace tw
