#include "spec/SpecReader.h"

#include "spec/CanonicalJson.h"

#include <cmath>

namespace tw {

SpecReader::SpecReader(const QJsonValue& value, JsonPath path)
    : m_path(std::move(path)) {
    if (!value.isObject())
        wrongType(value, m_path, QStringLiteral("an object"));
    m_object = value.toObject();
}

bool SpecReader::has(const QString& key) const {
    const QJsonValue v = m_object.value(key);
    return !v.isUndefined() && !v.isNull();
}

void SpecReader::allowOnly(const QStringList& allowed, const QString& context) const {
    const QString lead = context.isEmpty() ? QStringLiteral("unknown key")
                                           : QStringLiteral("unknown key ") + context;
    for (auto it = m_object.begin(); it != m_object.end(); ++it)
        if (!allowed.contains(it.key()))
            throw SpecError(at(it.key()),
                            QStringLiteral("%1; expected one of %2").arg(lead, oneOf(allowed)),
                            SpecError::Kind::UnknownKey);
}

void SpecReader::require(const QString& key) const {
    if (!m_object.contains(key))
        throw SpecError(at(key), QStringLiteral("missing required key"),
                        SpecError::Kind::MissingKey);
}

QString SpecReader::string(const QString& key) const {
    require(key);
    return toString(value(key), at(key));
}

QString SpecReader::string(const QString& key, const QString& fallback) const {
    return has(key) ? toString(value(key), at(key)) : fallback;
}

double SpecReader::number(const QString& key, const NumberRange& range) const {
    require(key);
    return toNumber(value(key), at(key), range);
}

double SpecReader::number(const QString& key, double fallback, const NumberRange& range) const {
    return has(key) ? toNumber(value(key), at(key), range) : fallback;
}

qint64 SpecReader::integer(const QString& key, const NumberRange& range) const {
    require(key);
    return toInteger(value(key), at(key), range);
}

qint64 SpecReader::integer(const QString& key, qint64 fallback, const NumberRange& range) const {
    return has(key) ? toInteger(value(key), at(key), range) : fallback;
}

bool SpecReader::boolean(const QString& key) const {
    require(key);
    return toBool(value(key), at(key));
}

bool SpecReader::boolean(const QString& key, bool fallback) const {
    return has(key) ? toBool(value(key), at(key)) : fallback;
}

QJsonArray SpecReader::array(const QString& key) const {
    require(key);
    return toArray(value(key), at(key));
}

SpecReader SpecReader::child(const QString& key) const {
    require(key);
    return SpecReader(value(key), at(key));
}

QString SpecReader::toString(const QJsonValue& v, const JsonPath& path) {
    if (!v.isString())
        wrongType(v, path, QStringLiteral("a string"));
    return v.toString();
}

double SpecReader::toNumber(const QJsonValue& v, const JsonPath& path, const NumberRange& range) {
    if (!v.isDouble())
        wrongType(v, path, QStringLiteral("a number") + range.describe());
    const double d = v.toDouble();
    if (!range.contains(d))
        throw SpecError(path,
                        QStringLiteral("expected a number%1, got %2").arg(range.describe(), got(v)),
                        SpecError::Kind::BadValue);
    return d;
}

qint64 SpecReader::toInteger(const QJsonValue& v, const JsonPath& path, const NumberRange& range) {
    const QString expected = QStringLiteral("an integer") + range.describe();
    if (!v.isDouble())
        wrongType(v, path, expected);
    const double d = v.toDouble();
    if (d != std::floor(d) || std::abs(d) > 9007199254740992.0)
        wrongType(v, path, expected);
    if (!range.contains(d))
        throw SpecError(path, QStringLiteral("expected %1, got %2").arg(expected, got(v)),
                        SpecError::Kind::BadValue);
    return v.toInteger(static_cast<qint64>(d));
}

bool SpecReader::toBool(const QJsonValue& v, const JsonPath& path) {
    if (!v.isBool())
        wrongType(v, path, QStringLiteral("true or false"));
    return v.toBool();
}

QJsonArray SpecReader::toArray(const QJsonValue& v, const JsonPath& path) {
    if (!v.isArray())
        wrongType(v, path, QStringLiteral("an array"));
    return v.toArray();
}

QString SpecReader::oneOf(const QStringList& names) {
    if (names.size() <= 1)
        return names.join(QString());
    return names.mid(0, names.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" or ") +
           names.last();
}

QString SpecReader::got(const QJsonValue& v) {
    switch (v.type()) {
    case QJsonValue::Undefined:
        return QStringLiteral("nothing");
    case QJsonValue::Array:
        return v.toArray().isEmpty() ? QStringLiteral("[]") : CanonicalJson::brief(v, 40);
    case QJsonValue::Object:
        return v.toObject().isEmpty() ? QStringLiteral("{}") : CanonicalJson::brief(v, 40);
    default:
        return CanonicalJson::brief(v, 60);
    }
}

void SpecReader::wrongType(const QJsonValue& v, const JsonPath& path, const QString& expected) {
    throw SpecError(path, QStringLiteral("expected %1, got %2").arg(expected, got(v)),
                    SpecError::Kind::WrongType);
}

} // namespace tw
