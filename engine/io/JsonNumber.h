#pragma once
#include <QJsonValue>

#include <optional>

namespace tw {

// A double in JSON, where NaN and infinities are no numbers: a finite value is a JSON number,
// the others the strings of util/NonFinite ("nan", "inf", "-inf").
class JsonNumber {
public:
    static QJsonValue toJson(double value);
    // A JSON number, or a string NonFinite::parse accepts; nullopt for anything else.
    static std::optional<double> fromJson(const QJsonValue& value);
    // As fromJson, with NonFinite::parseLenient for the strings (a script's report).
    static std::optional<double> fromJsonLenient(const QJsonValue& value);
};

} // namespace tw
