#pragma once
#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QStringList>

namespace tw::widgets {

// The study spec the Setup forms edit: the very JSON document `tunewright-cli run` takes,
// so the form and the CLI share one source of truth. Fields address it by a path of
// object keys (["objective", "training", "learning_rate"]). Writing an absent value
// (QJsonValue::Undefined) removes the key, so the key's default applies again; writing
// under a missing object creates it.
class SpecDocument : public QObject {
    Q_OBJECT
public:
    explicit SpecDocument(QObject* parent = nullptr);

    const QJsonObject& json() const { return m_json; }
    // Replaces the whole document; emits reset().
    void reset(const QJsonObject& json);

    // Undefined when a key on the path is missing or an object on it is not an object.
    QJsonValue value(const QStringList& path) const;
    // The value, or Undefined when it is null: null means "the default" in the spec.
    QJsonValue valueOrAbsent(const QStringList& path) const;
    bool contains(const QStringList& path) const { return !valueOrAbsent(path).isUndefined(); }

    // Sets (or with Undefined removes) the value; `origin` is handed on in edited(), so the
    // widget that made the edit does not redisplay it under the user's cursor. A path
    // through a non-object value replaces that value by an object.
    void setValue(const QStringList& path, const QJsonValue& value, QObject* origin = nullptr);
    void remove(const QStringList& path, QObject* origin = nullptr) {
        setValue(path, QJsonValue(QJsonValue::Undefined), origin);
    }

    static QJsonValue valueAt(const QJsonObject& root, const QStringList& path);
    static void setValueAt(QJsonObject& root, const QStringList& path, const QJsonValue& value);

signals:
    void resetDone();
    void edited(const QStringList& path, QObject* origin);

private:
    QJsonObject m_json;
};

} // namespace tw::widgets
