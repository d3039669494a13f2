#include "export/BestParamsExport.h"

#include "export/LeaderboardCsv.h"
#include "export/TrialJson.h"
#include "io/JsonNumber.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace tw {

namespace {

// A JSON value is valid YAML in flow style; strings that YAML would misread get quotes.
QString yamlValue(const QJsonValue& v)
{
    if (v.isString()) {
        static const QRegularExpression plain("^[A-Za-z_][A-Za-z0-9_./-]*$");
        const QString s = v.toString();
        static const QStringList reserved{"true", "false", "yes", "no", "on", "off", "null", "nan", "inf", "-inf"};
        if (plain.match(s).hasMatch() && !reserved.contains(s.toLower()))
            return s;
    }
    QJsonArray wrap{v};
    QString text = QString::fromUtf8(QJsonDocument(wrap).toJson(QJsonDocument::Compact));
    return text.mid(1, text.size() - 2);
}

QString yamlKey(const QString& k)
{
    static const QRegularExpression plain("^[A-Za-z_][A-Za-z0-9_.-]*$");
    return plain.match(k).hasMatch() ? k : yamlValue(QJsonValue(k));
}

QString csvValue(const QJsonValue& v)
{
    if (v.isString())
        return v.toString();
    QJsonArray wrap{v};
    QString text = QString::fromUtf8(QJsonDocument(wrap).toJson(QJsonDocument::Compact));
    return text.mid(1, text.size() - 2);
}

} // namespace

bool BestParamsExport::formatForFile(const QString& fileName, Format* format)
{
    const QString f = fileName.toLower();
    if (f.endsWith(".json"))
        *format = Format::Json;
    else if (f.endsWith(".yaml") || f.endsWith(".yml"))
        *format = Format::Yaml;
    else if (f.endsWith(".csv"))
        *format = Format::Csv;
    else
        return false;
    return true;
}

QJsonObject BestParamsExport::toJson(const QString& study, const FrozenTrial& best, const QString& metric)
{
    QJsonObject o;
    o.insert("study", study);
    o.insert("trial", best.number);
    o.insert("metric", metric);
    o.insert("value", best.value ? JsonNumber::toJson(*best.value) : QJsonValue());
    o.insert("params", TrialJson::params(best));
    return o;
}

QByteArray BestParamsExport::write(Format format, const QString& study, const FrozenTrial& best,
                                   const QString& metric)
{
    const QJsonObject o = toJson(study, best, metric);
    const QJsonObject params = o.value("params").toObject();
    switch (format) {
    case Format::Json:
        return QJsonDocument(o).toJson(QJsonDocument::Indented);
    case Format::Yaml: {
        QString y;
        for (const char* key : {"study", "trial", "metric", "value"})
            y += QString("%1: %2\n").arg(key, yamlValue(o.value(key)));
        y += params.isEmpty() ? "params: {}\n" : "params:\n";
        for (auto it = params.begin(); it != params.end(); ++it)
            y += QString("  %1: %2\n").arg(yamlKey(it.key()), yamlValue(it.value()));
        return y.toUtf8();
    }
    case Format::Csv: {
        QStringList header{"study", "trial", "metric", "value"};
        QStringList row{LeaderboardCsv::quote(study), QString::number(best.number),
                        LeaderboardCsv::quote(metric), csvValue(o.value("value"))};
        for (auto it = params.begin(); it != params.end(); ++it) {
            header << LeaderboardCsv::quote(it.key());
            row << LeaderboardCsv::quote(csvValue(it.value()));
        }
        return (header.join(',') + "\n" + row.join(',') + "\n").toUtf8();
    }
    }
    return {};
}

} // namespace tw
