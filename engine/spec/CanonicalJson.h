#pragma once
#include "spec/JsonPath.h"

#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

namespace tw {

// One text per JSON value: keys sorted, no whitespace, numbers normalised (an integral
// value within 2^53 as an integer, -0 as 0, any other number in its shortest round-trip
// form with a lower-case exponent and no leading zeros in it: 1e-4, 2.5e+20). Two
// documents that mean the same compare equal as text. Used for stored specs,
// categorical choices and resume checks.
class CanonicalJson {
public:
    static QString write(const QJsonValue& value);
    static QByteArray writeUtf8(const QJsonValue& value);
    static QString number(double value);

    // Parses the text of any JSON value (a scalar too); nullopt when it is not JSON.
    static std::optional<QJsonValue> parseValue(const QString& text);

    // Whether two values are the same JSON (1 and 1.0 are).
    static bool equal(const QJsonValue& a, const QJsonValue& b);

    // The path of the first place where a and b differ, in sorted-key order; nullopt when
    // they are equal. Paths in `ignore` (formatted as JsonPath text, e.g. "budget") and
    // everything under them are skipped.
    static std::optional<JsonPath> firstDifference(const QJsonValue& a, const QJsonValue& b,
                                                   const QStringList& ignore = {});
    // "PATH: A in <aName>, B in <bName>" for the first difference, or an empty string.
    static QString describeDifference(const QJsonValue& a, const QJsonValue& b,
                                      const QString& aName, const QString& bName,
                                      const QStringList& ignore = {});
    // The value at `path` (as found by firstDifference), or Undefined.
    static QJsonValue valueAt(const QJsonValue& root, const JsonPath& path);

    // A short rendering for messages: strings quoted, long texts cut with "...".
    static QString brief(const QJsonValue& value, int maxChars = 60);
};

} // namespace tw
