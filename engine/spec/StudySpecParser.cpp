#include "spec/StudySpecParser.h"
#include "io/FileReader.h"

#include "spec/SpecError.h"
#include "spec/SpecReader.h"
#include "spec/SpecSearchSpace.h"
#include "spec/StrictJson.h"
#include "spec/parse/ObjectiveSectionParser.h"
#include "spec/parse/SearchSpaceSectionParser.h"
#include "spec/parse/SpecParseSupport.h"
#include "spec/parse/StudySettingsParser.h"

#include <QFileInfo>
#include <QJsonDocument>

// The sections are read by the parsers in spec/parse (namespace tw::specparse); this file
// reads the top level, orders the sections (the metric before the objective, the search
// space against the objective) and hands errors out as values.
namespace tw {

namespace {

using namespace specparse;
using Kind = SpecError::Kind;
using R = SpecReader;

StudySpec parseStudy(const QJsonObject& doc, const QString& defaultName) {
    // The same depth limit as for spec text, so what is stored reads back on resume.
    if (const auto deep = StrictJson::tooDeep(doc))
        throw SpecError(*deep, StrictJson::depthMessage(), Kind::BadValue);
    const R r(doc, JsonPath());
    r.allowOnly({S("version"), S("name"), S("description"), S("metric"), S("direction"),
                 S("objective"), S("search_space"), S("sampler"), S("pruner"), S("budget"),
                 S("retry")});
    StudySpec s;
    s.json = doc;
    s.version = toInt(r, S("version"), 1, NumberRange::atLeast(1));
    if (s.version != 1)
        throw SpecError(r.at(S("version")),
                        QStringLiteral("this build reads version 1, got %1").arg(s.version),
                        Kind::BadValue);
    s.name = r.string(S("name"), defaultName).trimmed();
    if (s.name.isEmpty())
        throw SpecError(r.at(S("name")), S("expected a non-empty study name, got \"\""),
                        Kind::BadValue);
    s.description = r.string(S("description"), QString());

    // The metric decides objective defaults, so read it first, checking it after the type.
    r.require(S("objective"));
    const QJsonValue objective = r.value(S("objective"));
    const bool isTrain =
        objective.isObject() && objective.toObject().value(S("type")) == QJsonValue(S("train"));
    if (isTrain) {
        r.require(S("metric"));
        s.metric = trainMetric(r.value(S("metric")), r.at(S("metric")), true);
    } else {
        s.metric = r.string(S("metric"), S("value"));
        if (s.metric.isEmpty())
            throw SpecError(r.at(S("metric")), S("expected a non-empty name, got \"\""),
                            Kind::BadValue);
    }
    s.objective = ObjectiveSectionParser::parse(objective, objectivePath(), s.metric);

    if (s.objective.isTrain()) {
        if (const auto task = s.objective.dataset.knownTask()) {
            const QString measure = s.metric.mid(s.metric.indexOf(u'_') + 1);
            const bool classMetric =
                measure == QLatin1String("accuracy") || measure == QLatin1String("f1_macro");
            const bool regMetric = measure == QLatin1String("rmse") ||
                                   measure == QLatin1String("mae") ||
                                   measure == QLatin1String("r2");
            if (classMetric && *task == Task::Regression)
                throw SpecError(
                    r.at(S("metric")),
                    QStringLiteral(
                        "\"%1\" needs a classification dataset, but %2 is a regression dataset")
                        .arg(s.metric, s.objective.dataset.source),
                    Kind::BadValue);
            if (regMetric && *task == Task::Classification)
                throw SpecError(
                    r.at(S("metric")),
                    QStringLiteral(
                        "\"%1\" needs a regression dataset, but %2 is a classification dataset")
                        .arg(s.metric, s.objective.dataset.source),
                    Kind::BadValue);
        }
    }
    const StudyDirection defaultDirection = StudySpecParser::metricMaximizes(s.metric)
                                                ? StudyDirection::Maximize
                                                : StudyDirection::Minimize;
    s.direction = r.choice<StudyDirection>(
        S("direction"),
        {{S("minimize"), StudyDirection::Minimize}, {S("maximize"), StudyDirection::Maximize}},
        defaultDirection);

    if (r.has(S("search_space")))
        s.searchSpace = SearchSpaceSectionParser::parse(r.child(S("search_space")));
    SpecSearchSpace::buildOrThrow(s.searchSpace);
    SearchSpaceSectionParser::checkAgainstObjective(s);

    if (r.has(S("sampler")))
        s.sampler = StudySettingsParser::sampler(r.child(S("sampler")));
    StudySettingsParser::checkGrid(s);
    if (r.has(S("pruner")))
        s.pruner = StudySettingsParser::pruner(r.child(S("pruner")), s);
    if (r.has(S("budget")))
        s.budget = StudySettingsParser::budget(r.child(S("budget")));
    if (r.has(S("retry")))
        s.retry = StudySettingsParser::retry(r.child(S("retry")));
    return s;
}

QString withSource(const QString& sourceName, const QString& text) {
    return sourceName.isEmpty() ? text : sourceName + QStringLiteral(": ") + text;
}
} // namespace

QStringList StudySpecParser::trainMetricNames(bool includeTest) {
    return specparse::metricNames(includeTest);
}

bool StudySpecParser::metricMaximizes(const QString& metric) {
    return metric.endsWith(QLatin1String("_accuracy")) ||
           metric.endsWith(QLatin1String("_f1_macro")) || metric.endsWith(QLatin1String("_r2"));
}

ParseResult<StudySpec> StudySpecParser::parseObject(const QJsonObject& document,
                                                    const QString& sourceName,
                                                    const QString& baseDir) {
    QString defaultName = S("study");
    if (!sourceName.isEmpty()) {
        const QString base = QFileInfo(sourceName).completeBaseName();
        if (!base.trimmed().isEmpty())
            defaultName = base;
    }
    try {
        StudySpec spec = parseStudy(document, defaultName);
        spec.sourceFile = sourceName;
        spec.resolvePaths(baseDir);
        return spec;
    } catch (const SpecError& e) {
        return ParseResult<StudySpec>::failure(withSource(sourceName, e.text()));
    }
}

ParseResult<StudySpec> StudySpecParser::parseBytes(const QByteArray& json,
                                                   const QString& sourceName,
                                                   const QString& baseDir) {
    const QString where = sourceName.isEmpty() ? S("spec") : sourceName;
    const auto parsed = StrictJson::parse(json, where);
    if (!parsed)
        return ParseResult<StudySpec>::failure(parsed.error());
    const QJsonDocument& doc = *parsed;
    if (!doc.isObject())
        return ParseResult<StudySpec>::failure(
            QStringLiteral("%1: expected a JSON object at the top level, got an array").arg(where));
    return parseObject(doc.object(), sourceName, baseDir);
}

ParseResult<StudySpec> StudySpecParser::parseFile(const QString& path) {
    auto bytes = FileReader::readAll(path);
    if (!bytes)
        return ParseResult<StudySpec>::failure(bytes.error());
    return parseBytes(bytes.value(), path, QFileInfo(path).absolutePath());
}

ParseResult<ObjectiveSpec> StudySpecParser::parseObjective(const QJsonObject& objective,
                                                           const QString& studyMetric) {
    try {
        return ObjectiveSectionParser::parse(objective, objectivePath(), studyMetric);
    } catch (const SpecError& e) {
        return ParseResult<ObjectiveSpec>::failure(e.text());
    }
}

} // namespace tw
