#pragma once
#include "spec/JsonPath.h"
#include "spec/ParseResult.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace tw {

// JSON as a spec or params file may hold it: QJsonDocument, plus the two checks it does
// not make (#13). A key given twice in one object is an error naming its path
// (QJsonDocument silently keeps the last one), and nesting is limited to kMaxDepth levels,
// well below Qt's own limit (1024), so that every text Tunewright stores from an accepted
// document, wrapped or not, reads back on resume.
class StrictJson {
public:
    // Objects and arrays inside one another, the document itself counting as 1.
    static constexpr int kMaxDepth = 128;

    // The document, or "WHERE:LINE:COLUMN: message" (with the JSON path for a
    // duplicate key or a too-deep value).
    static ParseResult<QJsonDocument> parse(const QByteArray& text, const QString& where);

    // The path of the first value nested deeper than kMaxDepth (the document counts 1), or
    // nullopt: the same limit for documents built in memory (the workbench's form).
    static std::optional<JsonPath> tooDeep(const QJsonValue& value);

    // "nested deeper than 128 levels ..." for messages.
    static QString depthMessage();
};

} // namespace tw
