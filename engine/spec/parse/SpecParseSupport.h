#pragma once
#include "spec/JsonPath.h"
#include "spec/NumberRange.h"
#include "spec/SpecReader.h"

#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <cstdint>

// What the section parsers of a study spec share (namespace tw::specparse): int-sized
// integers whose messages show the real range, seeds, the train metric names.
namespace tw::specparse {

inline QString S(const char* s) {
    return QString::fromLatin1(s);
}

// The path "objective", where every objective's messages start.
const JsonPath& objectivePath();

// An int-sized integer. The int limit is checked apart, so messages show the real range.
int capInt(qint64 v, const QJsonValue& raw, const JsonPath& path);
int toInt(const SpecReader& r, const QString& key, int fallback, const NumberRange& range);
int toIntValue(const QJsonValue& v, const JsonPath& path, const NumberRange& range);
// A seed: an integer >= 0, 0 when absent.
std::uint64_t toSeed(const SpecReader& r, const QString& key);

// {train,val,test}_{loss,accuracy,f1_macro,rmse,mae,r2}; without test_ when includeTest
// is false.
QStringList metricNames(bool includeTest);
// A train metric that may be optimised (forStudy) or monitored: never a test_ one.
QString trainMetric(const QJsonValue& v, const JsonPath& path, bool forStudy);

} // namespace tw::specparse
