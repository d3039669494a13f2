#include "setup/SpecDocument.h"

#include <stdexcept>

namespace tw::widgets {

SpecDocument::SpecDocument(QObject* parent)
    : QObject(parent)
{
}

void SpecDocument::reset(const QJsonObject& json)
{
    m_json = json;
    emit resetDone();
}

QJsonValue SpecDocument::valueAt(const QJsonObject& root, const QStringList& path)
{
    if (path.isEmpty())
        return root;
    QJsonValue v = root;
    for (const QString& key : path) {
        if (!v.isObject())
            return QJsonValue(QJsonValue::Undefined);
        const QJsonObject o = v.toObject();
        const auto it = o.constFind(key);
        if (it == o.constEnd())
            return QJsonValue(QJsonValue::Undefined);
        v = *it;
    }
    return v;
}

void SpecDocument::setValueAt(QJsonObject& root, const QStringList& path, const QJsonValue& value)
{
    if (path.isEmpty())
        throw std::invalid_argument("SpecDocument::setValueAt(): the path is empty");
    const QString& key = path.first();
    if (path.size() == 1) {
        if (value.isUndefined())
            root.remove(key);
        else
            root.insert(key, value);
        return;
    }
    const QJsonValue child = root.value(key);
    if (value.isUndefined() && !child.isObject())
        return; // nothing to remove below a missing object
    QJsonObject obj = child.toObject();
    setValueAt(obj, path.mid(1), value);
    root.insert(key, obj);
}

QJsonValue SpecDocument::value(const QStringList& path) const
{
    return valueAt(m_json, path);
}

QJsonValue SpecDocument::valueOrAbsent(const QStringList& path) const
{
    const QJsonValue v = value(path);
    return v.isNull() ? QJsonValue(QJsonValue::Undefined) : v;
}

void SpecDocument::setValue(const QStringList& path, const QJsonValue& value, QObject* origin)
{
    const QJsonValue before = this->value(path);
    if (before == value && before.isUndefined() == value.isUndefined())
        return;
    setValueAt(m_json, path, value);
    emit edited(path, origin);
}

} // namespace tw::widgets
