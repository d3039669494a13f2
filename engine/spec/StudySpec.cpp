#include "spec/StudySpec.h"

#include "spec/CanonicalJson.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

namespace tw {

namespace {

QString resolved(const QString& dir, const QString& path) {
    if (QFileInfo(path).isAbsolute())
        return QDir::cleanPath(path);
    return QDir::cleanPath(QDir(dir).absoluteFilePath(path));
}

QJsonValue resolvedSource(const QString& dir, const QJsonValue& v) {
    const QString s = v.toString();
    if (!v.isString() || !s.startsWith(QLatin1String("csv:")) || s.size() <= 4)
        return v;
    return QJsonValue(QStringLiteral("csv:") + resolved(dir, s.mid(4)));
}

} // namespace

QString StudySpec::canonicalJson() const {
    return CanonicalJson::write(json);
}

void StudySpec::resolvePaths(const QString& dir) {
    if (dir.isEmpty())
        return;
    baseDir = QDir(dir).absolutePath();
    QJsonObject obj = objective.json;
    if (objective.type == ObjectiveSpec::Type::Train) {
        if (objective.dataset.sourceKind == DatasetSpec::SourceKind::Csv) {
            objective.dataset.sourceName = resolved(baseDir, objective.dataset.sourceName);
            objective.dataset.source = QStringLiteral("csv:") + objective.dataset.sourceName;
        }
        QJsonObject ds = obj.value(QLatin1String("dataset")).toObject();
        if (ds.contains(QLatin1String("source"))) {
            ds.insert(QLatin1String("source"),
                      resolvedSource(baseDir, ds.value(QLatin1String("source"))));
            obj.insert(QLatin1String("dataset"), ds);
        }
        // A search over the data source: its choices are paths too.
        QJsonObject space = json.value(QLatin1String("search_space")).toObject();
        const QString key = QStringLiteral("dataset.source");
        if (space.contains(key)) {
            QJsonObject p = space.value(key).toObject();
            QJsonArray choices = p.value(QLatin1String("choices")).toArray();
            for (qsizetype i = 0; i < choices.size(); ++i)
                choices[i] = resolvedSource(baseDir, choices.at(i));
            if (p.contains(QLatin1String("choices")))
                p.insert(QLatin1String("choices"), choices);
            if (p.contains(QLatin1String("value")))
                p.insert(QLatin1String("value"),
                         resolvedSource(baseDir, p.value(QLatin1String("value"))));
            space.insert(key, p);
            json.insert(QLatin1String("search_space"), space);
            for (auto& param : searchSpace.params)
                if (param.name == key) {
                    param.json = p;
                    param.choices = p.value(QLatin1String("choices")).toArray();
                    param.value = p.value(QLatin1String("value"));
                }
            searchSpace.json = space;
        }
    } else if (objective.type == ObjectiveSpec::Type::Command) {
        objective.command.workdir = resolved(baseDir, objective.command.workdir);
        obj.insert(QLatin1String("workdir"), objective.command.workdir);
    }
    objective.json = obj;
    json.insert(QLatin1String("objective"), obj);
}

bool StudySpec::applyNewStudyDefaults() {
    if (json.contains(QLatin1String("sampler")))
        return false;
    json.insert(QLatin1String("sampler"), QJsonObject{{QStringLiteral("type"), QStringLiteral("auto")}});
    sampler = SamplerSpec{};
    sampler.type = SamplerSpec::Type::Auto;
    return true;
}

QStringList StudySpec::resumeIgnoredKeys() {
    return {QStringLiteral("budget")};
}

QString StudySpec::resumeMismatch(const QString& storedCanonicalJson) const {
    const auto stored = CanonicalJson::parseValue(storedCanonicalJson);
    if (!stored)
        return QStringLiteral("the stored study's spec is not valid JSON");
    const QString d =
        CanonicalJson::describeDifference(*stored, json, QStringLiteral("the stored study"),
                                          QStringLiteral("this spec"), resumeIgnoredKeys());
    if (d.isEmpty())
        return {};
    return QStringLiteral("the spec differs from the stored study at ") + d;
}

} // namespace tw
