#include "spec/CanonicalJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QVariant>

#include <cmath>
#include <functional>

namespace tw {

namespace {

void appendString(QString& out, const QString& s) {
    out += u'"';
    for (QChar c : s) {
        switch (c.unicode()) {
        case '"':
            out += QStringLiteral("\\\"");
            break;
        case '\\':
            out += QStringLiteral("\\\\");
            break;
        case '\b':
            out += QStringLiteral("\\b");
            break;
        case '\f':
            out += QStringLiteral("\\f");
            break;
        case '\n':
            out += QStringLiteral("\\n");
            break;
        case '\r':
            out += QStringLiteral("\\r");
            break;
        case '\t':
            out += QStringLiteral("\\t");
            break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += u'"';
}

QString numberOf(const QJsonValue& v) {
    // Qt keeps integral literals as 64-bit integers: write those exactly.
    const QVariant var = v.toVariant();
    if (var.typeId() == QMetaType::LongLong)
        return QString::number(var.toLongLong());
    return CanonicalJson::number(v.toDouble());
}

void appendValue(QString& out, const QJsonValue& v) {
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out += QStringLiteral("null");
        break;
    case QJsonValue::Bool:
        out += v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        break;
    case QJsonValue::Double:
        out += numberOf(v);
        break;
    case QJsonValue::String:
        appendString(out, v.toString());
        break;
    case QJsonValue::Array: {
        out += u'[';
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (i)
                out += u',';
            appendValue(out, a.at(i));
        }
        out += u']';
        break;
    }
    case QJsonValue::Object: {
        out += u'{';
        const QJsonObject o = v.toObject();
        bool first = true;
        for (auto it = o.begin(); it != o.end(); ++it) { // QJsonObject iterates sorted by key
            if (!first)
                out += u',';
            first = false;
            appendString(out, it.key());
            out += u':';
            appendValue(out, it.value());
        }
        out += u'}';
        break;
    }
    }
}

bool ignored(const JsonPath& path, const QStringList& ignore) {
    for (const QString& p : ignore)
        if (path.text() == p)
            return true;
    return false;
}

std::optional<JsonPath> diff(const QJsonValue& a, const QJsonValue& b, const JsonPath& path,
                             const QStringList& ignore) {
    if (ignored(path, ignore))
        return std::nullopt;
    if (a.type() != b.type())
        return path;
    if (a.isObject()) {
        const QJsonObject oa = a.toObject(), ob = b.toObject();
        QStringList keys = oa.keys() + ob.keys();
        keys.sort();
        keys.removeDuplicates();
        for (const QString& k : keys) {
            const JsonPath sub = path.key(k);
            if (ignored(sub, ignore))
                continue;
            if (!oa.contains(k) || !ob.contains(k))
                return sub;
            if (auto d = diff(oa.value(k), ob.value(k), sub, ignore))
                return d;
        }
        return std::nullopt;
    }
    if (a.isArray()) {
        const QJsonArray aa = a.toArray(), ab = b.toArray();
        const qsizetype n = std::min(aa.size(), ab.size());
        for (qsizetype i = 0; i < n; ++i)
            if (auto d = diff(aa.at(i), ab.at(i), path.index(i), ignore))
                return d;
        if (aa.size() != ab.size())
            return path.index(n);
        return std::nullopt;
    }
    if (CanonicalJson::write(a) != CanonicalJson::write(b))
        return path;
    return std::nullopt;
}

// Splits formatted path text back into steps: keys (identifier or ["quoted"]) and [i].
bool walk(QJsonValue& cur, const QString& text) {
    qsizetype i = 0;
    while (i < text.size()) {
        if (text[i] == u'.') {
            ++i;
            continue;
        }
        if (text[i] == u'[') {
            if (i + 1 < text.size() && text[i + 1] == u'"') {
                // A quoted key: find the closing quote that is not escaped.
                qsizetype j = i + 2;
                while (j < text.size() && text[j] != u'"')
                    j += text[j] == u'\\' ? 2 : 1;
                const auto key = CanonicalJson::parseValue(text.mid(i + 1, j - i));
                if (!key || !cur.isObject())
                    return false;
                cur = cur.toObject().value(key->toString());
                i = j + 2;
            } else {
                const qsizetype j = text.indexOf(u']', i);
                if (j < 0 || !cur.isArray())
                    return false;
                cur = cur.toArray().at(text.mid(i + 1, j - i - 1).toLongLong());
                i = j + 1;
            }
            continue;
        }
        qsizetype j = i;
        while (j < text.size() && text[j] != u'.' && text[j] != u'[')
            ++j;
        if (!cur.isObject())
            return false;
        cur = cur.toObject().value(text.mid(i, j - i));
        i = j;
    }
    return true;
}

} // namespace

QString CanonicalJson::number(double d) {
    if (!std::isfinite(d))
        return QStringLiteral("null"); // JSON has no NaN or inf; callers tag those first
    if (d == 0.0)
        return QStringLiteral("0");
    if (std::abs(d) < 9007199254740992.0 && d == std::floor(d))
        return QString::number(static_cast<qint64>(d));
    QString s = QString::number(d, 'g', QLocale::FloatingPointShortest);
    // Qt writes "1e-05": drop the exponent's leading zeros so every writer agrees.
    const qsizetype e = s.indexOf(u'e');
    if (e >= 0) {
        QString mant = s.left(e);
        QString exp = s.mid(e + 1);
        QChar sign = u'+';
        if (!exp.isEmpty() && (exp[0] == u'-' || exp[0] == u'+')) {
            sign = exp[0];
            exp.remove(0, 1);
        }
        while (exp.size() > 1 && exp[0] == u'0')
            exp.remove(0, 1);
        s = mant + u'e' + sign + exp;
    }
    return s;
}

QString CanonicalJson::write(const QJsonValue& value) {
    QString out;
    appendValue(out, value);
    return out;
}

QByteArray CanonicalJson::writeUtf8(const QJsonValue& value) {
    return write(value).toUtf8();
}

std::optional<QJsonValue> CanonicalJson::parseValue(const QString& text) {
    // QJsonDocument only takes arrays and objects at the top: wrap the value in one.
    QJsonParseError err;
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray("[") + text.toUtf8() + QByteArray("]"), &err);
    if (err.error != QJsonParseError::NoError || !doc.isArray() || doc.array().size() != 1)
        return std::nullopt;
    return doc.array().at(0);
}

bool CanonicalJson::equal(const QJsonValue& a, const QJsonValue& b) {
    return write(a) == write(b);
}

std::optional<JsonPath> CanonicalJson::firstDifference(const QJsonValue& a, const QJsonValue& b,
                                                       const QStringList& ignore) {
    return diff(a, b, JsonPath(), ignore);
}

QJsonValue CanonicalJson::valueAt(const QJsonValue& root, const JsonPath& path) {
    QJsonValue cur = root;
    if (!walk(cur, path.text()))
        return QJsonValue(QJsonValue::Undefined);
    return cur;
}

QString CanonicalJson::describeDifference(const QJsonValue& a, const QJsonValue& b,
                                          const QString& aName, const QString& bName,
                                          const QStringList& ignore) {
    const auto path = firstDifference(a, b, ignore);
    if (!path)
        return {};
    auto show = [](const QJsonValue& v) {
        return v.isUndefined() ? QStringLiteral("absent") : brief(v);
    };
    return QStringLiteral("%1: %2 in %3, %4 in %5")
        .arg(path->toString(), show(valueAt(a, *path)), aName, show(valueAt(b, *path)), bName);
}

QString CanonicalJson::brief(const QJsonValue& value, int maxChars) {
    QString s = write(value);
    if (s.size() > maxChars)
        s = s.left(maxChars - 3) + QStringLiteral("...");
    return s;
}

} // namespace tw
