#pragma once
#include "spec/JsonPath.h"
#include "spec/NumberRange.h"
#include "spec/SpecError.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

#include <utility>
#include <vector>

namespace tw {

// Reads one JSON object of a study spec with typed accessors. Every problem throws a
// SpecError naming the exact path, in the contract's style:
// `search_space["training.learning_rate"].low: expected a number, got "abc"`.
// A key whose value is null counts as absent, so it takes its default.
class SpecReader {
public:
    SpecReader(const QJsonValue& value, JsonPath path);

    const QJsonObject& object() const { return m_object; }
    const JsonPath& path() const { return m_path; }
    JsonPath at(const QString& key) const { return m_path.key(key); }
    bool has(const QString& key) const;
    QJsonValue value(const QString& key) const { return m_object.value(key); }

    // Throws UnknownKey for the first key (in sorted order) that is not in `allowed`.
    // `context` ("for the random sampler") follows "unknown key" in the message.
    void allowOnly(const QStringList& allowed, const QString& context = {}) const;
    void require(const QString& key) const;

    QString string(const QString& key) const;
    QString string(const QString& key, const QString& fallback) const;
    double number(const QString& key, const NumberRange& range = NumberRange::any()) const;
    double number(const QString& key, double fallback, const NumberRange& range) const;
    qint64 integer(const QString& key, const NumberRange& range = NumberRange::any()) const;
    qint64 integer(const QString& key, qint64 fallback, const NumberRange& range) const;
    bool boolean(const QString& key) const;
    bool boolean(const QString& key, bool fallback) const;
    QJsonArray array(const QString& key) const;
    SpecReader child(const QString& key) const;

    template <class E> using Table = std::vector<std::pair<QString, E>>;

    template <class E> E choice(const QString& key, const Table<E>& table) const {
        require(key);
        return toChoice(value(key), at(key), table);
    }
    template <class E> E choice(const QString& key, const Table<E>& table, E fallback) const {
        return has(key) ? toChoice(value(key), at(key), table) : fallback;
    }

    // Conversions of a single value at `path`.
    static QString toString(const QJsonValue& v, const JsonPath& path);
    static double toNumber(const QJsonValue& v, const JsonPath& path,
                           const NumberRange& range = NumberRange::any());
    static qint64 toInteger(const QJsonValue& v, const JsonPath& path,
                            const NumberRange& range = NumberRange::any());
    static bool toBool(const QJsonValue& v, const JsonPath& path);
    static QJsonArray toArray(const QJsonValue& v, const JsonPath& path);
    template <class E>
    static E toChoice(const QJsonValue& v, const JsonPath& path, const Table<E>& table) {
        QStringList names;
        for (const auto& [name, e] : table)
            names << name;
        if (!v.isString())
            throw SpecError(path,
                            QStringLiteral("expected one of %1, got %2").arg(oneOf(names), got(v)),
                            SpecError::Kind::WrongType);
        for (const auto& [name, e] : table)
            if (name == v.toString())
                return e;
        throw SpecError(path,
                        QStringLiteral("expected one of %1, got %2").arg(oneOf(names), got(v)),
                        SpecError::Kind::BadValue);
    }

    // "a, b or c"
    static QString oneOf(const QStringList& names);
    // What a message shows of a value: "abc" quoted, 3.5, null, an array...
    static QString got(const QJsonValue& v);
    [[noreturn]] static void wrongType(const QJsonValue& v, const JsonPath& path,
                                       const QString& expected);

private:
    QJsonObject m_object;
    JsonPath m_path;
};

} // namespace tw
