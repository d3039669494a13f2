#include "io/JsonNumber.h"

#include "util/NonFinite.h"

#include <QString>

namespace tw {

QJsonValue JsonNumber::toJson(double value)
{
    if (const char* name = NonFinite::name(value))
        return QString::fromLatin1(name);
    return value;
}

std::optional<double> JsonNumber::fromJson(const QJsonValue& value)
{
    if (value.isDouble())
        return value.toDouble();
    if (value.isString())
        return NonFinite::parse(value.toString().toStdString());
    return std::nullopt;
}

std::optional<double> JsonNumber::fromJsonLenient(const QJsonValue& value)
{
    if (value.isDouble())
        return value.toDouble();
    if (value.isString())
        return NonFinite::parseLenient(value.toString().toStdString());
    return std::nullopt;
}

} // namespace tw
