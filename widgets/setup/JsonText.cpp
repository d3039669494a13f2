#include "setup/JsonText.h"

#include "spec/CanonicalJson.h"

#include <cmath>

namespace tw::widgets {

QString JsonText::display(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Double:
        return CanonicalJson::number(value.toDouble());
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Undefined:
        return QString();
    default:
        return CanonicalJson::write(value);
    }
}

QJsonValue JsonText::numberFromText(const QString& text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    bool ok = false;
    const double d = t.toDouble(&ok);
    if (ok && std::isfinite(d))
        return QJsonValue(d);
    return QJsonValue(text);
}

std::optional<QJsonValue> JsonText::parse(const QString& text)
{
    return CanonicalJson::parseValue(text.trimmed());
}

std::optional<QJsonValue> JsonText::parseList(const QString& text)
{
    const QString t = text.trimmed();
    if (auto v = parse(t); v && v->isArray())
        return v;
    if (auto v = parse(QStringLiteral("[") + t + QStringLiteral("]")); v && v->isArray())
        return v;
    return std::nullopt;
}

} // namespace tw::widgets
