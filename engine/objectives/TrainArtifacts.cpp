#include "objectives/TrainArtifacts.h"

#include "io/JsonNumber.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <cstdio>

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

QByteArray TrainArtifacts::curveJson(const std::vector<TrainEpochRecord>& history)
{
    QJsonArray out;
    for (const auto& e : history) {
        QJsonObject o = metricsJson(e.metrics);
        o.insert("step", static_cast<qint64>(e.step));
        o.insert("epoch", e.epoch);
        o.insert("fold", e.fold);
        o.insert("value", JsonNumber::toJson(e.value));
        o.insert("learning_rate", JsonNumber::toJson(e.learningRate));
        out.append(o);
    }
    return QJsonDocument(out).toJson(QJsonDocument::Compact);
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

std::string TrainArtifacts::logLine(const TrainEpochRecord& e, bool withFold)
{
    std::string line = "step " + std::to_string(e.step);
    if (withFold)
        line += " (fold " + std::to_string(e.fold + 1) + ", epoch " + std::to_string(e.epoch) + ")";
    line += ":";
    char buf[64];
    for (const auto& [k, v] : e.metrics) {
        std::snprintf(buf, sizeof buf, " %s=%.6g", k.c_str(), v);
        line += buf;
    }
    std::snprintf(buf, sizeof buf, " lr=%.6g %.3fs\n", e.learningRate, e.seconds);
    line += buf;
    return line;
}

} // namespace tw
