#include "spec/JsonPath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

namespace tw {

JsonPath JsonPath::fromText(const QString& prefix) {
    JsonPath p;
    p.m_text = prefix;
    return p;
}

bool JsonPath::isIdentifier(const QString& name) {
    if (name.isEmpty())
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name[i];
        const bool letter = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_';
        const bool digit = c >= u'0' && c <= u'9';
        if (!(letter || (digit && i > 0)))
            return false;
    }
    return true;
}

QString JsonPath::formatKey(const QString& name, bool first) {
    if (isIdentifier(name))
        return first ? name : QStringLiteral(".") + name;
    // JSON string quoting, so a key with quotes or backslashes stays unambiguous.
    const QByteArray quoted = QJsonDocument(QJsonArray{name}).toJson(QJsonDocument::Compact);
    return QStringLiteral("[") + QString::fromUtf8(quoted.mid(1, quoted.size() - 2)) +
           QStringLiteral("]");
}

JsonPath JsonPath::key(const QString& name) const {
    JsonPath p;
    p.m_text = m_text + formatKey(name, m_text.isEmpty());
    return p;
}

JsonPath JsonPath::index(qsizetype i) const {
    JsonPath p;
    p.m_text = m_text + QStringLiteral("[%1]").arg(i);
    return p;
}

QString JsonPath::toString() const {
    return m_text.isEmpty() ? QStringLiteral("(root)") : m_text;
}

} // namespace tw
