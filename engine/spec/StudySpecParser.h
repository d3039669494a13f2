#pragma once
#include "spec/ObjectiveSpec.h"
#include "spec/ParseResult.h"
#include "spec/StudySpec.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace tw {

// Reads a study spec (docs/study-spec.md) into a StudySpec. Every key is checked: a
// wrong type, an unknown or missing key, an invalid choice or a value out of range gives
// one message naming the JSON path, prefixed by the source name ("spec.json: ") when
// there is one:
//     spec.json: search_space["training.learning_rate"].low: expected a number, got "abc"
//     spec.json:3:17: unterminated string          (JSON syntax: line and column)
// The first problem found is reported.
class StudySpecParser {
public:
    // Parses a file; csv: paths and a command's workdir are resolved against its folder.
    static ParseResult<StudySpec> parseFile(const QString& path);
    // Parses JSON text. `sourceName` prefixes messages (may be empty); a non-empty
    // `baseDir` resolves relative paths against it.
    static ParseResult<StudySpec> parseBytes(const QByteArray& json, const QString& sourceName = {},
                                             const QString& baseDir = {});
    static ParseResult<StudySpec> parseObject(const QJsonObject& document,
                                              const QString& sourceName = {},
                                              const QString& baseDir = {});

    // The objective alone, e.g. a trial's objective after ParamsJson::applyToObjective.
    // Paths in messages start at "objective". `studyMetric` supplies defaults that depend
    // on it (the early-stopping metric).
    static ParseResult<ObjectiveSpec> parseObjective(const QJsonObject& objective,
                                                     const QString& studyMetric = {});

    // {train,val,test}_{loss,accuracy,f1_macro,rmse,mae,r2}; without test_ when
    // includeTest is false.
    static QStringList trainMetricNames(bool includeTest = true);
    // Whether larger is better for a train metric name (accuracy, f1_macro, r2).
    static bool metricMaximizes(const QString& metric);
};

} // namespace tw
