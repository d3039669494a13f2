#include "spec/ParamsJson.h"
#include "io/FileReader.h"

#include "spec/JsonPath.h"
#include "spec/SpecReader.h"
#include "spec/StrictJson.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace tw {

namespace {

bool isIndex(const QString& key) {
    if (key.isEmpty() || key.size() > 9)
        return false;
    for (const QChar c : key)
        if (!c.isDigit() || c.unicode() > 127)
            return false;
    return true;
}

// Sets value at keys[i..] inside `node` (an object, or an array for a segment of digits);
// returns an error text or empty.
QString setPath(QJsonValue& node, const QStringList& keys, qsizetype i, const JsonPath& at,
                const QJsonValue& value) {
    const QString& key = keys[i];
    if (node.isArray()) {
        if (!isIndex(key))
            return QStringLiteral("%1 is an array; expected an index (0, 1, ...), got \"%2\"")
                .arg(at.toString(), key);
        QJsonArray array = node.toArray();
        const qsizetype index = key.toLongLong();
        const JsonPath here = at.index(index);
        if (index >= array.size())
            return QStringLiteral("%1 does not exist: %2 has %3 element%4")
                .arg(here.toString(), at.toString())
                .arg(array.size())
                .arg(array.size() == 1 ? QString() : QStringLiteral("s"));
        QJsonValue child = array.at(index);
        if (i + 1 == keys.size()) {
            child = value;
        } else {
            if (!child.isObject() && !child.isArray())
                return QStringLiteral("%1 is not an object").arg(here.toString());
            const QString err = setPath(child, keys, i + 1, here, value);
            if (!err.isEmpty())
                return err;
        }
        array.replace(index, child);
        node = array;
        return {};
    }
    QJsonObject obj = node.toObject();
    const JsonPath here = at.key(key);
    if (i + 1 == keys.size()) {
        obj.insert(key, value);
        node = obj;
        return {};
    }
    QJsonValue next = obj.value(key);
    if (next.isUndefined())
        return QStringLiteral("%1 does not exist; add it to objective first").arg(here.toString());
    if (!next.isObject() && !next.isArray())
        return QStringLiteral("%1 is not an object").arg(here.toString());
    const QString err = setPath(next, keys, i + 1, here, value);
    if (err.isEmpty()) {
        obj.insert(key, next);
        node = obj;
    }
    return err;
}

} // namespace

ParseResult<QJsonObject> ParamsJson::applyToObjective(const QJsonObject& objective,
                                                      const QJsonObject& params) {
    QJsonObject out = objective;
    for (auto it = params.begin(); it != params.end(); ++it) {
        const QStringList keys = it.key().split(u'.');
        const QString where = JsonPath().key(QStringLiteral("params")).key(it.key()).toString();
        if (keys.contains(QString()))
            return ParseResult<QJsonObject>::failure(
                QStringLiteral("%1: not a dotted path into objective (an empty part)").arg(where));
        QJsonValue root(out);
        const QString err =
            setPath(root, keys, 0, JsonPath::fromText(QStringLiteral("objective")), it.value());
        out = root.toObject();
        if (!err.isEmpty())
            return ParseResult<QJsonObject>::failure(where + QStringLiteral(": ") + err);
    }
    return out;
}

QString ParamsJson::lineColumn(const QByteArray& text, int offset) {
    // Qt's offset points just past the offending character.
    const qsizetype pos =
        std::clamp<qsizetype>(offset - 1, 0, std::max<qsizetype>(0, text.size() - 1));
    int line = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < pos; ++i)
        if (text[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    const int column =
        static_cast<int>(QString::fromUtf8(text.mid(lineStart, pos - lineStart)).size()) + 1;
    return QStringLiteral("%1:%2").arg(line).arg(column);
}

ParseResult<QJsonObject> ParamsJson::parseDocument(const QByteArray& json,
                                                   const QString& sourceName) {
    const QString prefix = sourceName.isEmpty() ? QStringLiteral("params") : sourceName;
    const auto parsed = StrictJson::parse(json, prefix); // duplicate keys are errors (#13)
    if (!parsed)
        return ParseResult<QJsonObject>::failure(parsed.error());
    const QJsonDocument& doc = *parsed;
    if (!doc.isObject())
        return ParseResult<QJsonObject>::failure(
            QStringLiteral("%1: expected a JSON object of parameter name -> value, got an array")
                .arg(prefix));
    const QJsonObject obj = doc.object();
    if (obj.value(QLatin1String("params")).isObject() && obj.contains(QLatin1String("study")) &&
        obj.contains(QLatin1String("trial")))
        return obj.value(QLatin1String("params")).toObject();
    return obj;
}

ParseResult<QJsonObject> ParamsJson::readArgument(const QString& argument, const QString& baseDir) {
    if (!argument.startsWith(u'@'))
        return parseDocument(argument.toUtf8());
    const QString name = argument.mid(1);
    if (name.isEmpty())
        return ParseResult<QJsonObject>::failure(
            QStringLiteral("--params @FILE: the file name is missing"));
    const QString path = QDir(baseDir.isEmpty() ? QDir::currentPath() : baseDir).filePath(name);
    auto bytes = FileReader::readAll(path, name);
    if (!bytes)
        return ParseResult<QJsonObject>::failure(bytes.error());
    return parseDocument(bytes.value(), name);
}

} // namespace tw
