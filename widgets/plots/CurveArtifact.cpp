#include "plots/CurveArtifact.h"

#include "io/JsonNumber.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <limits>

namespace tw::widgets {

namespace {

double number(const QJsonValue& v)
{
    // "nan", or missing: a gap in the curve.
    return JsonNumber::fromJson(v).value_or(std::numeric_limits<double>::quiet_NaN());
}

} // namespace

std::vector<EpochPoint> CurveArtifact::parse(int trial, const QByteArray& json)
{
    std::vector<EpochPoint> points;
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isArray())
        return points;
    const QJsonArray epochs = doc.array();
    points.reserve(static_cast<size_t>(epochs.size()));
    for (const QJsonValue& e : epochs) {
        const QJsonObject o = e.toObject();
        if (!o.value(QLatin1String("step")).isDouble())
            return {};
        EpochPoint p;
        p.trial = trial;
        p.step = o.value(QLatin1String("step")).toDouble();
        p.trainLoss = number(o.value(QLatin1String("train_loss")));
        p.valLoss = number(o.value(QLatin1String("val_loss")));
        if (std::isnan(p.trainLoss) && std::isnan(p.valLoss))
            p.valLoss = number(o.value(QLatin1String("value")));
        points.push_back(p);
    }
    return points;
}

} // namespace tw::widgets
