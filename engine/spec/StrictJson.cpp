#include "spec/StrictJson.h"

#include "spec/ParamsJson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonParseError>
#include <QHash>

#include <vector>

namespace tw {

namespace {

struct Frame {
    bool object = false;
    bool expectKey = false;     // objects: the next string is a key
    QHash<QString, qsizetype> keys; // objects: the keys seen so far, with their offsets
    QString key;                // objects: the current key
    qsizetype index = 0;        // arrays: the current element
};

JsonPath pathOf(const std::vector<Frame>& stack) {
    JsonPath path;
    for (const Frame& f : stack)
        path = f.object ? path.key(f.key) : path.index(f.index);
    return path;
}

// Steps over the JSON string that starts at text[pos] == '"'; pos ends after the closing
// quote. With `out`, decodes it too. False when the text is not a well-formed string
// (QJsonDocument then says why).
bool readString(const QByteArray& text, qsizetype& pos, QString* out) {
    const qsizetype start = ++pos;
    bool escaped = false;
    while (pos < text.size()) {
        const char c = text[pos];
        if (c == '"') {
            const QByteArray raw = text.mid(start, pos - start);
            ++pos;
            if (!out)
                return true;
            if (!escaped) {
                *out = QString::fromUtf8(raw);
                return true;
            }
            // Decode escapes through Qt, so "\u0061" and "a" compare as the same key.
            const QJsonDocument d = QJsonDocument::fromJson("[\"" + raw + "\"]");
            if (!d.isArray())
                return false;
            *out = d.array().at(0).toString();
            return true;
        }
        if (c == '\\') {
            escaped = true;
            pos += 2;
            continue;
        }
        ++pos;
    }
    return false;
}

// `pos` as QJsonParseError gives it: one past the character meant.
QString at(const QByteArray& text, qsizetype pos, const QString& where) {
    return QStringLiteral("%1:%2").arg(where, ParamsJson::lineColumn(text, static_cast<int>(pos)));
}

// The first duplicate key or too-deep value, as a message; empty when there is none or
// when the text is not JSON (the caller's parse reports that).
QString scan(const QByteArray& text, const QString& where) {
    std::vector<Frame> stack;
    qsizetype pos = 0;
    while (pos < text.size()) {
        const char c = text[pos];
        switch (c) {
        case '{':
        case '[': {
            if (static_cast<int>(stack.size()) >= StrictJson::kMaxDepth) {
                const JsonPath p = pathOf(stack);
                return QStringLiteral("%1: %2: %3")
                    .arg(at(text, pos + 1, where), p.toString(), StrictJson::depthMessage());
            }
            Frame f;
            f.object = c == '{';
            f.expectKey = f.object;
            stack.push_back(std::move(f));
            ++pos;
            break;
        }
        case '}':
        case ']':
            if (stack.empty())
                return {};
            stack.pop_back();
            ++pos;
            break;
        case ',':
            if (stack.empty())
                return {};
            if (stack.back().object)
                stack.back().expectKey = true;
            else
                ++stack.back().index;
            ++pos;
            break;
        case ':':
            if (stack.empty() || !stack.back().object)
                return {};
            stack.back().expectKey = false;
            ++pos;
            break;
        case '"': {
            const qsizetype start = pos;
            const bool isKey = !stack.empty() && stack.back().object && stack.back().expectKey;
            QString s;
            if (!readString(text, pos, isKey ? &s : nullptr))
                return {};
            if (isKey) {
                Frame& f = stack.back();
                f.key = s;
                if (const auto seen = f.keys.constFind(s); seen != f.keys.constEnd())
                    return QStringLiteral("%1: %2: duplicate key; it is given first at line %3 "
                                          "(each key may appear once in an object)")
                        .arg(at(text, start + 1, where), pathOf(stack).toString(),
                             ParamsJson::lineColumn(text, static_cast<int>(*seen) + 1)
                                 .section(u':', 0, 0));
                f.keys.insert(s, start);
            }
            break;
        }
        default:
            ++pos; // whitespace, numbers, true, false, null
        }
    }
    return {};
}

std::optional<JsonPath> deeper(const QJsonValue& v, const JsonPath& path, int depth) {
    if (!v.isObject() && !v.isArray())
        return std::nullopt;
    if (depth > StrictJson::kMaxDepth)
        return path;
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            if (auto p = deeper(it.value(), path.key(it.key()), depth + 1))
                return p;
    } else {
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            if (auto p = deeper(a.at(i), path.index(i), depth + 1))
                return p;
    }
    return std::nullopt;
}

} // namespace

QString StrictJson::depthMessage() {
    return QStringLiteral("nested deeper than %1 levels of objects and arrays, the most a spec "
                          "may hold")
        .arg(kMaxDepth);
}

ParseResult<QJsonDocument> StrictJson::parse(const QByteArray& text, const QString& where) {
    const QString found = scan(text, where);
    if (!found.isEmpty())
        return ParseResult<QJsonDocument>::failure(found);
    QJsonParseError err;
    QJsonDocument doc = QJsonDocument::fromJson(text, &err);
    if (err.error != QJsonParseError::NoError)
        return ParseResult<QJsonDocument>::failure(
            QStringLiteral("%1: %2").arg(at(text, err.offset, where), err.errorString()));
    return doc;
}

std::optional<JsonPath> StrictJson::tooDeep(const QJsonValue& value) {
    return deeper(value, JsonPath(), 1);
}

} // namespace tw
