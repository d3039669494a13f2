#include "export/LeaderboardCsv.h"

#include "spec/SpecSearchSpace.h"
#include "util/NonFinite.h"

#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

#include <cmath>
#include <set>

namespace tw {

namespace {

QString numberText(double v)
{
    if (const char* name = NonFinite::name(v))
        return QString::fromLatin1(name);
    return QString::number(v, 'g', QLocale::FloatingPointShortest);
}

QString jsonText(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::String: return v.toString();
    case QJsonValue::Double: return numberText(v.toDouble());
    case QJsonValue::Bool: return v.toBool() ? "true" : "false";
    case QJsonValue::Array: return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object: return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    default: return {};
    }
}

} // namespace

QString LeaderboardCsv::quote(const QString& field)
{
    if (!field.contains(',') && !field.contains('"') && !field.contains('\n') && !field.contains('\r'))
        return field;
    QString q = field;
    q.replace("\"", "\"\"");
    return "\"" + q + "\"";
}

QByteArray LeaderboardCsv::write(const std::vector<FrozenTrial>& trials, QStringList paramNames)
{
    if (paramNames.isEmpty()) {
        std::set<std::string> names;
        for (const auto& t : trials)
            for (const auto& [name, v] : t.params)
                names.insert(name);
        for (const auto& n : names)
            paramNames << QString::fromStdString(n);
    }
    QStringList header{"number", "state", "value", "duration_s"};
    for (const auto& p : paramNames)
        header << quote(p);
    QString out = header.join(',') + "\n";
    for (const auto& t : trials) {
        QStringList row;
        row << QString::number(t.number) << QString::fromUtf8(toString(t.state).data())
            << (t.state == TrialState::Complete && t.value ? numberText(*t.value) : QString())
            << (t.durationSeconds() ? numberText(*t.durationSeconds()) : QString());
        for (const auto& p : paramNames) {
            const std::string name = p.toStdString();
            auto it = t.params.find(name);
            if (it == t.params.end()) {
                row << QString();
                continue;
            }
            auto d = t.distributions.find(name);
            row << quote(d == t.distributions.end() ? numberText(it->second)
                                                    : jsonText(SpecSearchSpace::toJsonValue(it->second, d->second)));
        }
        out += row.join(',') + "\n";
    }
    return out.toUtf8();
}

} // namespace tw
