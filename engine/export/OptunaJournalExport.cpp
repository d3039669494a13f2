#include "export/OptunaJournalExport.h"

#include "spec/CanonicalJson.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTimeZone>

#include <cmath>

namespace tw {

namespace {

// Python's json module reads NaN and Infinity, which QJsonDocument cannot write, so the
// lines are assembled by hand around compact JSON fragments.
QByteArray num(double v)
{
    if (std::isnan(v))
        return "NaN";
    if (std::isinf(v))
        return v > 0 ? "Infinity" : "-Infinity";
    return QByteArray::number(v, 'g', 17);
}

QByteArray str(const QString& s)
{
    const QByteArray a = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
    return a.mid(1, a.size() - 2);
}

QByteArray isoLocalNaive(const TimePoint& t)
{
    // Optuna stores naive local datetimes; UTC with no offset round-trips the same instant.
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
    const QDateTime dt = QDateTime::fromMSecsSinceEpoch(us / 1000, QTimeZone::utc());
    return dt.toString("yyyy-MM-ddTHH:mm:ss").toUtf8() + "." +
           QByteArray::number(us % 1000000).rightJustified(6, '0');
}

int optunaState(TrialState s)
{
    switch (s) {
    case TrialState::Running: return 0;
    case TrialState::Complete: return 1;
    case TrialState::Pruned: return 2;
    case TrialState::Failed: return 3;
    case TrialState::Waiting: return 4;
    }
    return 3;
}

} // namespace

QByteArray OptunaJournalExport::distributionJson(const Distribution& d)
{
    QJsonObject attrs;
    QString name;
    switch (d.kind()) {
    case Distribution::Kind::Float:
        name = "FloatDistribution";
        attrs.insert("low", d.low());
        attrs.insert("high", d.high());
        attrs.insert("log", d.isLog());
        attrs.insert("step", d.step() > 0 ? QJsonValue(d.step()) : QJsonValue());
        break;
    case Distribution::Kind::Int:
        name = "IntDistribution";
        attrs.insert("low", static_cast<qint64>(d.low()));
        attrs.insert("high", static_cast<qint64>(d.high()));
        attrs.insert("log", d.isLog());
        attrs.insert("step", static_cast<qint64>(d.step()));
        break;
    case Distribution::Kind::Categorical:
    case Distribution::Kind::Fixed: {
        name = "CategoricalDistribution";
        QJsonArray choices;
        for (const auto& c : d.choices()) {
            // Optuna's choices are scalars; lists and objects travel as their JSON text.
            const QJsonValue v = CanonicalJson::parseValue(QString::fromStdString(c)).value_or(QJsonValue());
            choices.append(v.isArray() || v.isObject() ? QJsonValue(QString::fromStdString(c)) : v);
        }
        attrs.insert("choices", choices);
        break;
    }
    }
    return QJsonDocument(QJsonObject{{"name", name}, {"attributes", attrs}}).toJson(QJsonDocument::Compact);
}

QByteArray OptunaJournalExport::write(const StudyRecord& study, const std::vector<FrozenTrial>& trials)
{
    const QByteArray worker = "\"tunewright-export\"";
    QByteArray out;
    out += "{\"op_code\": 0, \"worker_id\": " + worker + ", \"study_name\": " +
           str(QString::fromStdString(study.name)) + ", \"directions\": [" +
           (study.direction == StudyDirection::Minimize ? "1" : "2") + "]}\n";
    for (const auto& t : trials) {
        QByteArray line = "{\"op_code\": 4, \"worker_id\": " + worker + ", \"study_id\": 0";
        line += ", \"state\": " + QByteArray::number(optunaState(t.state));
        if (t.state == TrialState::Complete && t.value)
            line += ", \"value\": null, \"values\": [" + num(*t.value) + "]";
        else
            line += ", \"value\": null, \"values\": null";
        line += ", \"datetime_start\": " + (t.started ? "\"" + isoLocalNaive(*t.started) + "\"" : QByteArray("null"));
        if (t.finished && isFinished(t.state))
            line += ", \"datetime_complete\": \"" + isoLocalNaive(*t.finished) + "\"";
        QByteArrayList dists, params, inter;
        for (const auto& [name, internal] : t.params) {
            auto d = t.distributions.find(name);
            if (d == t.distributions.end())
                continue;
            const QByteArray key = str(QString::fromStdString(name));
            dists << key + ": " + str(QString::fromUtf8(distributionJson(d->second)));
            params << key + ": " + num(internal);
        }
        for (const auto& [step, v] : t.intermediate)
            inter << "\"" + QByteArray::number(step) + "\": " + num(v);
        line += ", \"distributions\": {" + dists.join(", ") + "}";
        line += ", \"params\": {" + params.join(", ") + "}";
        QByteArrayList user, system;
        for (const auto& [k, v] : t.userAttrs)
            user << str(QString::fromStdString(k)) + ": " + QByteArray::fromStdString(v);
        if (!t.reason.empty())
            system << "\"tunewright:reason\": " + str(QString::fromStdString(t.reason));
        line += ", \"user_attrs\": {" + user.join(", ") + "}";
        line += ", \"system_attrs\": {" + system.join(", ") + "}";
        line += ", \"intermediate_values\": {" + inter.join(", ") + "}}\n";
        out += line;
    }
    return out;
}

} // namespace tw
