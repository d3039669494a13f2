#include "spec/parse/SpecParseSupport.h"
#include "spec/SpecError.h"

#include <climits>

namespace tw::specparse {

using Kind = SpecError::Kind;
using R = SpecReader;

const JsonPath& objectivePath() {
    static const JsonPath path = JsonPath::fromText(QStringLiteral("objective"));
    return path;
}

int capInt(qint64 v, const QJsonValue& raw, const JsonPath& path) {
    if (v > INT_MAX || v < INT_MIN)
        throw SpecError(
            path, QStringLiteral("expected an integer <= %1, got %2").arg(INT_MAX).arg(R::got(raw)),
            Kind::BadValue);
    return static_cast<int>(v);
}

int toInt(const SpecReader& r, const QString& key, int fallback, const NumberRange& range) {
    return capInt(r.integer(key, fallback, range), r.value(key), r.at(key));
}

int toIntValue(const QJsonValue& v, const JsonPath& path, const NumberRange& range) {
    return capInt(R::toInteger(v, path, range), v, path);
}

std::uint64_t toSeed(const SpecReader& r, const QString& key) {
    return static_cast<std::uint64_t>(r.integer(key, 0, NumberRange::atLeast(0)));
}

QStringList metricNames(bool includeTest) {
    QStringList out;
    QStringList splits = {S("train"), S("val")};
    if (includeTest)
        splits << S("test");
    for (const QString& split : splits)
        for (const char* m : {"loss", "accuracy", "f1_macro", "rmse", "mae", "r2"})
            out << split + u'_' + S(m);
    return out;
}

QString trainMetric(const QJsonValue& v, const JsonPath& path, bool forStudy) {
    const QString name = R::toString(v, path);
    const QStringList allowed = metricNames(false);
    if (allowed.contains(name))
        return name;
    if (name.startsWith(QLatin1String("test_")) && metricNames(true).contains(name))
        throw SpecError(
            path,
            QStringLiteral(
                "%1 cannot be %2: the test split is for the final report only; use \"val_%3\"")
                .arg(R::got(v), forStudy ? S("optimised") : S("monitored"), name.mid(5)),
            Kind::BadValue);
    throw SpecError(path,
                    QStringLiteral("expected one of %1, got %2").arg(R::oneOf(allowed), R::got(v)),
                    Kind::BadValue);
}

} // namespace tw::specparse
