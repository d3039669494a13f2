#pragma once
#include "core/Distribution.h"

#include <QJsonValue>

#include <optional>

namespace tw {

// Maps a parameter between its internal value (see Distribution) and the JSON value a
// user reads and writes: an int as an integer, a float as a number, a categorical or
// fixed parameter as its JSON choice.
class ParamJson {
public:
    static QJsonValue toJson(const Distribution& dist, double internal);
    // The internal value of `value`, or nullopt when the distribution cannot hold it.
    static std::optional<double> fromJson(const Distribution& dist, const QJsonValue& value);
    // A choice's JSON text parsed back to a value (scalars included).
    static QJsonValue parseChoice(const std::string& json);
};

} // namespace tw
