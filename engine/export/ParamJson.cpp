#include "export/ParamJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace tw {

QJsonValue ParamJson::parseChoice(const std::string& json)
{
    // QJsonDocument only parses arrays and objects: wrap the choice in one.
    const QByteArray wrapped = "[" + QByteArray::fromStdString(json) + "]";
    const QJsonDocument doc = QJsonDocument::fromJson(wrapped);
    if (!doc.isArray() || doc.array().size() != 1)
        return QJsonValue(QString::fromStdString(json));
    return doc.array().first();
}

QJsonValue ParamJson::toJson(const Distribution& dist, double internal)
{
    switch (dist.kind()) {
    case Distribution::Kind::Categorical:
    case Distribution::Kind::Fixed: {
        const auto i = static_cast<std::size_t>(internal);
        if (internal < 0 || i >= dist.choices().size())
            return QJsonValue();
        return parseChoice(dist.choices()[i]);
    }
    case Distribution::Kind::Int:
        return static_cast<qint64>(std::llround(internal));
    case Distribution::Kind::Float:
        break;
    }
    return internal;
}

std::optional<double> ParamJson::fromJson(const Distribution& dist, const QJsonValue& value)
{
    switch (dist.kind()) {
    case Distribution::Kind::Categorical:
    case Distribution::Kind::Fixed:
        for (std::size_t i = 0; i < dist.choices().size(); ++i)
            if (parseChoice(dist.choices()[i]) == value)
                return static_cast<double>(i);
        return std::nullopt;
    case Distribution::Kind::Int:
    case Distribution::Kind::Float:
        break;
    }
    if (!value.isDouble())
        return std::nullopt;
    const double v = value.toDouble();
    if (!dist.contains(v))
        return std::nullopt;
    return v;
}

} // namespace tw
