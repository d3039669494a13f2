#include "objectives/CommandProtocol.h"

#include "io/JsonNumber.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <cmath>
#include <limits>
#include <optional>

namespace tw {

namespace {

std::optional<double> number(const QJsonValue& v)
{
    return JsonNumber::fromJsonLenient(v);
}

bool identifierChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '+' || c == '-';
}

} // namespace

QByteArray CommandProtocol::quoteNonFinite(QByteArrayView line)
{
    static constexpr struct {
        QByteArrayView token;
        QByteArrayView quoted;
    } kTokens[] = {{"-Infinity", "\"-inf\""}, {"Infinity", "\"inf\""}, {"NaN", "\"nan\""}};
    QByteArray out;
    out.reserve(line.size() + 8);
    bool inString = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (inString) {
            out += c;
            if (c == '\\' && i + 1 < line.size())
                out += line[++i];
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
            out += c;
            continue;
        }
        bool replaced = false;
        if (i == 0 || !identifierChar(line[i - 1])) {
            for (const auto& t : kTokens) {
                const qsizetype end = i + t.token.size();
                if (line.sliced(i).startsWith(t.token) && (end == line.size() || !identifierChar(line[end]))) {
                    out += t.quoted;
                    i = end - 1;
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced)
            out += c;
    }
    return out;
}

CommandProtocol::Line CommandProtocol::parse(QByteArrayView text)
{
    Line line;
    const QByteArrayView trimmed = text.trimmed();
    if (!trimmed.startsWith('{'))
        return line;
    QJsonDocument doc = QJsonDocument::fromJson(trimmed.toByteArray());
    if (!doc.isObject()) {
        doc = QJsonDocument::fromJson(quoteNonFinite(trimmed));
        if (!doc.isObject())
            return line;
    }
    const QJsonObject obj = doc.object();
    const auto value = number(obj.value(QLatin1String("value")));
    if (!value)
        return line;
    if (obj.contains(QLatin1String("step"))) {
        const QJsonValue s = obj.value(QLatin1String("step"));
        // A step is a count: a fraction is cut, and beyond ±2^62 it is no step at all.
        if (!s.isDouble() || !(std::fabs(s.toDouble()) < 4.6e18))
            return line;
        line.kind = Line::Kind::Intermediate;
        line.step = static_cast<long long>(s.toDouble());
    } else {
        line.kind = Line::Kind::Result;
    }
    line.value = *value;
    const QJsonObject metrics = obj.value(QLatin1String("metrics")).toObject();
    for (auto it = metrics.begin(); it != metrics.end(); ++it)
        if (const auto m = number(it.value()))
            line.metrics[it.key().toStdString()] = *m;
    return line;
}

} // namespace tw
