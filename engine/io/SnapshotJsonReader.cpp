#include "io/SnapshotJsonReader.h"

#include <QJsonDocument>

#include <limits>

namespace tw {

QJsonValue SnapshotJsonReader::member(const QJsonObject& o, const char* path, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined())
        throw Bad(std::string(path) + key + " is missing");
    return v;
}

double SnapshotJsonReader::number(const QJsonObject& o, const char* path, const char* key)
{
    const QJsonValue v = member(o, path, key);
    if (v.isNull())
        return std::numeric_limits<double>::quiet_NaN();
    if (!v.isDouble())
        throw Bad(std::string(path) + key + " is not a number");
    return v.toDouble();
}

int SnapshotJsonReader::integer(const QJsonObject& o, const char* path, const char* key)
{
    const double v = number(o, path, key);
    if (!(v >= -2147483648.0 && v <= 2147483647.0) || v != static_cast<double>(static_cast<int>(v)))
        throw Bad(std::string(path) + key + " is not an integer");
    return static_cast<int>(v);
}

bool SnapshotJsonReader::boolean(const QJsonObject& o, const char* path, const char* key)
{
    const QJsonValue v = member(o, path, key);
    if (!v.isBool())
        throw Bad(std::string(path) + key + " is not true or false");
    return v.toBool();
}

std::string SnapshotJsonReader::string(const QJsonObject& o, const char* path, const char* key)
{
    const QJsonValue v = member(o, path, key);
    if (!v.isString())
        throw Bad(std::string(path) + key + " is not a string");
    return v.toString().toStdString();
}

QJsonObject SnapshotJsonReader::object(const QJsonObject& o, const char* path, const char* key)
{
    const QJsonValue v = member(o, path, key);
    if (!v.isObject())
        throw Bad(std::string(path) + key + " is not an object");
    return v.toObject();
}

QJsonArray SnapshotJsonReader::array(const QJsonObject& o, const char* path, const char* key)
{
    const QJsonValue v = member(o, path, key);
    if (!v.isArray())
        throw Bad(std::string(path) + key + " is not an array");
    return v.toArray();
}

std::vector<double> SnapshotJsonReader::numbers(const QJsonObject& o, const char* path, const char* key)
{
    std::vector<double> out;
    for (const QJsonValue& v : array(o, path, key)) {
        if (v.isNull())
            out.push_back(std::numeric_limits<double>::quiet_NaN());
        else if (v.isDouble())
            out.push_back(v.toDouble());
        else
            throw Bad(std::string(path) + key + " holds a value that is not a number");
    }
    return out;
}

std::vector<int> SnapshotJsonReader::integers(const QJsonObject& o, const char* path, const char* key)
{
    std::vector<int> out;
    for (const QJsonValue& v : array(o, path, key)) {
        const double d = v.toDouble(0.5);
        if (!v.isDouble() || !(d >= -2147483648.0 && d <= 2147483647.0) || d != static_cast<double>(static_cast<int>(d)))
            throw Bad(std::string(path) + key + " holds a value that is not an integer");
        out.push_back(static_cast<int>(d));
    }
    return out;
}

std::vector<std::string> SnapshotJsonReader::strings(const QJsonObject& o, const char* path, const char* key)
{
    std::vector<std::string> out;
    for (const QJsonValue& v : array(o, path, key)) {
        if (!v.isString())
            throw Bad(std::string(path) + key + " holds a value that is not a string");
        out.push_back(v.toString().toStdString());
    }
    return out;
}

std::uint64_t SnapshotJsonReader::seed(const QJsonObject& o, const char* path, const char* key)
{
    const QJsonValue v = member(o, path, key);
    bool ok = false;
    const qulonglong s = v.toString().toULongLong(&ok);
    if (!v.isString() || !ok)
        throw Bad(std::string(path) + key + " is not a seed (a string of digits)");
    return s;
}

QJsonObject SnapshotJsonReader::document(const std::string& json)
{
    QJsonParseError pe;
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray(json.data(), static_cast<qsizetype>(json.size())), &pe);
    if (pe.error != QJsonParseError::NoError)
        throw Bad("not JSON (" + pe.errorString().toStdString() + " at offset " + std::to_string(pe.offset) + ")");
    if (!doc.isObject())
        throw Bad("not a JSON object");
    return doc.object();
}

} // namespace tw
