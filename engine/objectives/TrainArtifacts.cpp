#include "objectives/TrainArtifacts.h"

#include "io/JsonNumber.h"
#include "util/NonFinite.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <vector>

namespace tw {

QJsonObject TrainArtifacts::metricsJson(const std::map<std::string, double>& metrics)
{
    QJsonObject out;
    for (const auto& [k, v] : metrics)
        out.insert(QString::fromStdString(k), JsonNumber::toJson(v));
    return out;
}

QByteArray TrainArtifacts::confusionJson(const ConfusionMatrix& confusion)
{
    QJsonArray labels;
    for (const auto& l : confusion.labels)
        labels.append(QString::fromStdString(l));
    QJsonArray counts;
    for (const auto& row : confusion.counts) {
        QJsonArray r;
        for (long long c : row)
            r.append(static_cast<qint64>(c));
        counts.append(r);
    }
    return QJsonDocument(QJsonObject{{"labels", labels}, {"counts", counts}}).toJson(QJsonDocument::Compact);
}

QByteArray TrainArtifacts::misclassifiedJson(const MisclassifiedRows& m)
{
    QJsonArray labels;
    for (const auto& l : m.labels)
        labels.append(QString::fromStdString(l));
    QJsonArray rows;
    for (const MisclassifiedRows::Row& r : m.rows)
        rows.append(QJsonObject{{"row", static_cast<qint64>(r.row)},
                                {"true", r.trueClass},
                                {"predicted", r.predicted},
                                {"probability", JsonNumber::toJson(r.probability)},
                                {"fold", r.fold}});
    QJsonObject o{{"labels", labels},
                  {"total", static_cast<qint64>(m.total)},
                  {"validation_rows", static_cast<qint64>(m.validationRows)},
                  {"rows", rows}};
    if (m.imageShape)
        o.insert("image_shape", QJsonArray{m.imageShape->channels, m.imageShape->height, m.imageShape->width});
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<MisclassifiedRows> TrainArtifacts::readMisclassified(const QByteArray& json, QString* error)
{
    const auto fail = [error](const QString& why) -> std::optional<MisclassifiedRows> {
        if (error)
            *error = QStringLiteral("misclassified artifact: ") + why;
        return std::nullopt;
    };
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return fail(QStringLiteral("not JSON (%1 at offset %2)").arg(pe.errorString()).arg(pe.offset));
    if (!doc.isObject())
        return fail(QStringLiteral("expected a JSON object"));
    const QJsonObject o = doc.object();
    MisclassifiedRows m;
    if (!o.value("labels").isArray() || !o.value("rows").isArray())
        return fail(QStringLiteral("expected the arrays \"labels\" and \"rows\""));
    for (const QJsonValue& l : o.value("labels").toArray())
        m.labels.push_back(l.toString().toStdString());
    const int classes = static_cast<int>(m.labels.size());
    const QJsonArray shape = o.value("image_shape").toArray();
    if (shape.size() == 3) {
        m.imageShape = ImageShape{shape.at(0).toInt(), shape.at(1).toInt(), shape.at(2).toInt()};
        if (!m.imageShape->isValid())
            return fail(QStringLiteral("image_shape: expected 3 integers >= 1"));
    } else if (o.contains("image_shape")) {
        return fail(QStringLiteral("image_shape: expected [channels, height, width]"));
    }
    m.total = o.value("total").toInteger();
    m.validationRows = o.value("validation_rows").toInteger();
    const QJsonArray rows = o.value("rows").toArray();
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QJsonObject r = rows.at(i).toObject();
        MisclassifiedRows::Row row;
        row.row = r.value("row").toInteger(-1);
        row.trueClass = r.value("true").toInt(-1);
        row.predicted = r.value("predicted").toInt(-1);
        row.probability = JsonNumber::fromJsonLenient(r.value("probability")).value_or(std::nan(""));
        row.fold = r.value("fold").toInt();
        if (row.row < 0 || row.trueClass < 0 || row.trueClass >= classes || row.predicted < 0 ||
            row.predicted >= classes)
            return fail(QStringLiteral("rows[%1]: expected a row >= 0 and classes in 0..%2").arg(i).arg(classes - 1));
        m.rows.push_back(row);
    }
    return m;
}

namespace {

// JSON text of one number: the shortest decimal that reads back as the same double (what
// Qt writes), or NonFinite's string for NaN and infinities.
void appendNumber(std::string& out, double v)
{
    if (const char* name = NonFinite::name(v)) {
        out += '"';
        out += name;
        out += '"';
        return;
    }
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

void appendString(std::string& out, std::string_view s)
{
    out += '"';
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", u);
            out += buf;
        } else {
            out += c;
        }
    }
    out += '"';
}

} // namespace

// Written directly rather than through QJsonObject: a long study's curves are thousands of
// epochs, and building a Qt object per epoch cost more than training a small model. The
// text is what QJsonDocument's compact form holds: one object per epoch, keys sorted, the
// fixed keys in place of a metric of the same name.
QByteArray TrainArtifacts::curveJson(const std::vector<TrainEpochRecord>& history)
{
    std::string out;
    out.reserve(history.size() * (64 + (history.empty() ? 0 : history.front().metrics.size()) * 28));
    out += '[';
    std::vector<std::pair<std::string_view, double>> fields;
    for (size_t i = 0; i < history.size(); ++i) {
        const TrainEpochRecord& e = history[i];
        fields.clear();
        for (const auto& [k, v] : e.metrics)
            fields.emplace_back(k, v);
        const std::pair<std::string_view, double> fixed[] = {
            {"step", static_cast<double>(e.step)}, {"epoch", e.epoch}, {"fold", e.fold},
            {"value", e.value}, {"learning_rate", e.learningRate}};
        for (const auto& f : fixed) {
            auto at = std::lower_bound(fields.begin(), fields.end(), f.first,
                                       [](const auto& a, std::string_view key) { return a.first < key; });
            if (at != fields.end() && at->first == f.first)
                at->second = f.second;
            else
                fields.insert(at, f);
        }
        if (i > 0)
            out += ',';
        out += '{';
        for (size_t j = 0; j < fields.size(); ++j) {
            if (j > 0)
                out += ',';
            appendString(out, fields[j].first);
            out += ':';
            appendNumber(out, fields[j].second);
        }
        out += '}';
    }
    out += ']';
    return QByteArray(out.data(), static_cast<qsizetype>(out.size()));
}

QJsonObject TrainArtifacts::epochLine(const TrainEpochRecord& epoch)
{
    return QJsonObject{{"step", static_cast<qint64>(epoch.step)},
                       {"value", JsonNumber::toJson(epoch.value)},
                       {"metrics", metricsJson(epoch.metrics)}};
}

QJsonObject TrainArtifacts::finalLine(const TrainObjectiveResult& result)
{
    return QJsonObject{{"value", JsonNumber::toJson(result.value)},
                       {"metrics", metricsJson(result.metrics)},
                       {"test", metricsJson(result.testMetrics)}};
}

namespace {

// printf's %.<precision><format>: std::to_chars with a format and a precision is specified
// to write the same characters, without printf's locale and format-string parsing.
void appendFormatted(std::string& out, double v, std::chars_format format, int precision)
{
    if (!std::isfinite(v)) {  // printf's spelling, which to_chars does not share for NaN
        char buf[16];
        std::snprintf(buf, sizeof buf, format == std::chars_format::fixed ? "%.3f" : "%.6g", v);
        out += buf;
        return;
    }
    char buf[400];  // DBL_MAX in fixed notation is 309 digits before the point
    const auto r = std::to_chars(buf, buf + sizeof buf, v, format, precision);
    out.append(buf, r.ptr);
}

} // namespace

std::string TrainArtifacts::logLine(const TrainEpochRecord& e, bool withFold)
{
    std::string line;
    line.reserve(48 + e.metrics.size() * 28);
    line += "step ";
    line += std::to_string(e.step);
    if (withFold) {
        line += " (fold ";
        line += std::to_string(e.fold + 1);
        line += ", epoch ";
        line += std::to_string(e.epoch);
        line += ')';
    }
    line += ':';
    for (const auto& [k, v] : e.metrics) {
        line += ' ';
        line += k;
        line += '=';
        appendFormatted(line, v, std::chars_format::general, 6);
    }
    line += " lr=";
    appendFormatted(line, e.learningRate, std::chars_format::general, 6);
    line += ' ';
    appendFormatted(line, e.seconds, std::chars_format::fixed, 3);
    line += "s\n";
    return line;
}

} // namespace tw
