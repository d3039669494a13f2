#pragma once
#include "core/FrozenTrial.h"
#include "util/NonFinite.h"

#include <QByteArray>
#include <QMetaType>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <chrono>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>

// How the SQL storage's parts turn values into columns and back (see SqlStorage.h for the
// layout): times as nanoseconds since the Unix epoch, a double that may be NaN or +-inf as
// (value, value_type) with value NULL unless finite.
namespace tw::sqlvalues {

inline qint64 toNs(TimePoint t)
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

inline TimePoint fromNs(qint64 ns)
{
    return TimePoint(std::chrono::duration_cast<Clock::duration>(std::chrono::nanoseconds(ns)));
}

inline QVariant nullOf(QMetaType::Type t) { return QVariant(QMetaType(t)); }

inline QVariant timeOrNull(const std::optional<TimePoint>& t)
{
    return t ? QVariant(toNs(*t)) : nullOf(QMetaType::LongLong);
}

inline std::optional<TimePoint> timeFrom(const QVariant& v)
{
    if (v.isNull())
        return std::nullopt;
    return fromNs(v.toLongLong());
}

// The value's tag column: NonFinite's name, or "finite" with the number in its own column.
inline QString tagOf(double v)
{
    const char* name = NonFinite::name(v);
    return QString::fromLatin1(name ? name : "finite");
}

inline QVariant finiteOrNull(double v)
{
    return std::isfinite(v) ? QVariant(v) : nullOf(QMetaType::Double);
}

inline double fromTagged(const QVariant& value, const QString& tag)
{
    return NonFinite::parse(tag.toStdString()).value_or(value.toDouble());
}

inline QString qs(const std::string& s) { return QString::fromStdString(s); }

inline QByteArray bytes(const std::string& s) { return QByteArray(s.data(), qsizetype(s.size())); }

inline void bindAll(QSqlQuery& q, std::initializer_list<QVariant> values)
{
    int i = 0;
    for (const QVariant& v : values)
        q.bindValue(i++, v);
}

} // namespace tw::sqlvalues
