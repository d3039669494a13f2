#pragma once
#include "spec/ParseResult.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace tw {

// Trial parameters as JSON: setting them into a train objective by dotted path, and
// reading the `--params` argument of `tunewright-cli train`.
class ParamsJson {
public:
    // Sets each key of `params` into `objective`: "training.learning_rate" sets
    // objective.training.learning_rate. A segment of digits indexes an array:
    // "model.conv.0.filters" sets objective.model.conv[0].filters. Every object and array
    // element on the way must exist; the last key is replaced or added (the objective
    // parser then rejects an unknown one).
    // Error: "objective.training.schedule does not exist", "objective.model.hidden is not
    // an object", naming `params[KEY]` first.
    static ParseResult<QJsonObject> applyToObjective(const QJsonObject& objective,
                                                     const QJsonObject& params);

    // A params document: a bare object of name -> value, or an `export --best` file
    // ({"study", "trial", "metric", "value", "params": {...}}), recognised by holding
    // "params" (an object) together with "study" and "trial". Returns the params object.
    static ParseResult<QJsonObject> parseDocument(const QByteArray& json,
                                                  const QString& sourceName = {});
    // A --params argument: "@FILE" reads FILE (relative to `baseDir`, default the current
    // folder), anything else is the JSON text itself.
    static ParseResult<QJsonObject> readArgument(const QString& argument,
                                                 const QString& baseDir = {});

    // "LINE:COLUMN" (1-based, columns in characters) of a QJsonParseError offset.
    static QString lineColumn(const QByteArray& text, int offset);
};

} // namespace tw
