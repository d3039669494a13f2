#include "storage/DistributionJson.h"

#include "study/StudyStorage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace tw {

QString DistributionJson::toJson(const Distribution& d)
{
    QJsonObject o;
    o.insert(QStringLiteral("kind"), QLatin1String(Distribution::kindName(d.kind())));
    if (d.isNumeric()) {
        o.insert(QStringLiteral("low"), d.low());
        o.insert(QStringLiteral("high"), d.high());
        o.insert(QStringLiteral("step"), d.step());
        o.insert(QStringLiteral("log"), d.isLog());
    } else {
        QJsonArray choices;
        for (const std::string& c : d.choices())
            choices.append(QString::fromStdString(c));
        o.insert(QStringLiteral("choices"), choices);
    }
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

Distribution DistributionJson::fromJson(const QString& json)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        throw StorageError(QStringLiteral("stored parameter: not a distribution object at offset "
                                          "%1: %2")
                               .arg(err.offset)
                               .arg(json.left(200))
                               .toStdString());
    const QJsonObject o = doc.object();
    const QString kind = o.value(QStringLiteral("kind")).toString();
    std::vector<std::string> choices;
    for (const QJsonValue& c : o.value(QStringLiteral("choices")).toArray())
        choices.push_back(c.toString().toStdString());
    const double low = o.value(QStringLiteral("low")).toDouble();
    const double high = o.value(QStringLiteral("high")).toDouble();
    const double step = o.value(QStringLiteral("step")).toDouble();
    const bool log = o.value(QStringLiteral("log")).toBool();
    if (kind == QLatin1String("float"))
        return Distribution::makeFloat(low, high, log, step);
    if (kind == QLatin1String("int"))
        return Distribution::makeInt(std::llround(low), std::llround(high), log, std::llround(step));
    if (kind == QLatin1String("categorical"))
        return Distribution::makeCategorical(std::move(choices));
    if (kind == QLatin1String("fixed") && choices.size() == 1)
        return Distribution::makeFixed(std::move(choices.front()));
    throw StorageError(QStringLiteral("stored parameter: unknown kind \"%1\" of distribution in %2")
                           .arg(kind, json.left(200))
                           .toStdString());
}

QString DistributionJson::cachedToJson(const Distribution& d)
{
    for (const auto& [known, json] : m_toJson)
        if (known == d)
            return json;
    if (m_toJson.size() >= 32)
        m_toJson.erase(m_toJson.begin());
    m_toJson.emplace_back(d, toJson(d));
    return m_toJson.back().second;
}

Distribution DistributionJson::cachedFromJson(const QString& json)
{
    auto it = m_fromJson.constFind(json);
    if (it != m_fromJson.constEnd())
        return *it;
    Distribution d = fromJson(json);
    if (m_fromJson.size() > 4096)
        m_fromJson.clear();
    m_fromJson.insert(json, d);
    return d;
}

} // namespace tw
