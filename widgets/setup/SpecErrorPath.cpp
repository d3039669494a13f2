#include "setup/SpecErrorPath.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace tw::widgets {

namespace {

bool isIdentChar(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
           c == u'_';
}

// Reads a JSON string starting at text[i] == '"'; returns the index after the closing quote.
qsizetype readQuoted(const QString& text, qsizetype i, QString* out)
{
    qsizetype j = i + 1;
    while (j < text.size()) {
        if (text[j] == u'\\') {
            j += 2;
            continue;
        }
        if (text[j] == u'"')
            break;
        ++j;
    }
    if (j >= text.size())
        return -1;
    const QString literal = text.mid(i, j - i + 1);
    const QJsonDocument doc =
        QJsonDocument::fromJson(QStringLiteral("[%1]").arg(literal).toUtf8());
    if (!doc.isArray() || doc.array().size() != 1 || !doc.array().at(0).isString())
        return -1;
    *out = doc.array().at(0).toString();
    return j + 1;
}

} // namespace

std::optional<SpecErrorPath::Parsed> SpecErrorPath::parse(const QString& text)
{
    static const QString root = QStringLiteral("(root): ");
    if (text.startsWith(root))
        return Parsed{{}, text.mid(root.size())};
    Parsed out;
    qsizetype i = 0;
    bool expectKey = true; // at the start, or after a dot
    while (i < text.size()) {
        const QChar c = text[i];
        if (c == u':') {
            if (expectKey || out.path.isEmpty() || i + 1 >= text.size() || text[i + 1] != u' ')
                return std::nullopt;
            out.message = text.mid(i + 2);
            return out;
        }
        if (c == u'.') {
            if (expectKey)
                return std::nullopt;
            expectKey = true;
            ++i;
            continue;
        }
        if (c == u'[') {
            if (expectKey && !out.path.isEmpty())
                return std::nullopt; // "a.[0]"
            if (i + 1 < text.size() && text[i + 1] == u'"') {
                QString key;
                const qsizetype next = readQuoted(text, i + 1, &key);
                if (next < 0 || next >= text.size() || text[next] != u']')
                    return std::nullopt;
                out.path << key;
                i = next + 1;
            } else {
                qsizetype j = i + 1;
                while (j < text.size() && text[j].isDigit())
                    ++j;
                if (j == i + 1 || j >= text.size() || text[j] != u']')
                    return std::nullopt;
                out.path << text.mid(i, j - i + 1);
                i = j + 1;
            }
            expectKey = false;
            continue;
        }
        if (isIdentChar(c) && expectKey) {
            qsizetype j = i;
            while (j < text.size() && isIdentChar(text[j]))
                ++j;
            out.path << text.mid(i, j - i);
            i = j;
            expectKey = false;
            continue;
        }
        return std::nullopt;
    }
    return std::nullopt;
}

bool SpecErrorPath::startsWith(const QStringList& path, const QStringList& prefix)
{
    if (prefix.size() > path.size())
        return false;
    for (qsizetype i = 0; i < prefix.size(); ++i)
        if (path[i] != prefix[i])
            return false;
    return true;
}

int SpecErrorPath::indexOf(const QString& component)
{
    if (!isIndex(component) || !component.endsWith(u']'))
        return -1;
    bool ok = false;
    const int i = component.mid(1, component.size() - 2).toInt(&ok);
    return ok ? i : -1;
}

} // namespace tw::widgets
