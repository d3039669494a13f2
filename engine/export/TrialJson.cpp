#include "export/TrialJson.h"

#include "io/JsonNumber.h"
#include "spec/SpecSearchSpace.h"

#include <QDateTime>
#include <QTimeZone>

#include <cmath>

namespace tw {

QString TrialJson::isoUtc(const TimePoint& t)
{
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonObject TrialJson::params(const FrozenTrial& trial)
{
    return SpecSearchSpace::toJson(trial.params, trial.distributions);
}

QJsonObject TrialJson::toJson(const FrozenTrial& trial)
{
    QJsonObject o;
    o.insert("number", trial.number);
    o.insert("state", QString::fromUtf8(toString(trial.state).data()));
    o.insert("value", trial.state == TrialState::Complete && trial.value ? JsonNumber::toJson(*trial.value) : QJsonValue());
    o.insert("params", params(trial));
    QJsonObject inter;
    for (const auto& [step, v] : trial.intermediate)
        inter.insert(QString::number(step), JsonNumber::toJson(v));
    o.insert("intermediate", inter);
    o.insert("started", trial.started ? QJsonValue(isoUtc(*trial.started)) : QJsonValue());
    const auto d = trial.durationSeconds();
    o.insert("duration_s", d ? QJsonValue(*d) : QJsonValue());
    o.insert("reason", QString::fromStdString(trial.reason));
    return o;
}

QJsonArray TrialJson::toJson(const std::vector<FrozenTrial>& trials)
{
    QJsonArray a;
    for (const auto& t : trials)
        a.append(toJson(t));
    return a;
}

} // namespace tw
