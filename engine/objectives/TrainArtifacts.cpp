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
