#pragma once
#include "objectives/TrainObjectiveResult.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tw {

// The JSON a train objective leaves behind, in the forms its readers expect. Numbers
// that are NaN or infinite are written as the strings "nan", "inf" and "-inf".
//  - confusion artifact: {"labels": [...], "counts": [[...], ...]} (rows: true class);
//  - misclassified artifact: {"labels": [...], "image_shape": [C, H, W], "total": N,
//    "validation_rows": M, "rows": [{"row", "true", "predicted", "probability", "fold"}, ...]};
//  - curve artifact: [{"step", "epoch", "fold", "learning_rate", "train_loss",
//    "val_loss", ...every epoch metric}, ...];
//  - the lines of `tunewright-cli train` (docs/study-spec.md): per epoch
//    {"step", "value", "metrics"}, then {"value", "metrics", "test"}.
class TrainArtifacts {
public:
    static QJsonObject metricsJson(const std::map<std::string, double>& metrics);
    static QByteArray confusionJson(const ConfusionMatrix& confusion);
    static QByteArray misclassifiedJson(const MisclassifiedRows& rows);
    // The artifact read back; nullopt when it is not one (what is wrong in *error).
    static std::optional<MisclassifiedRows> readMisclassified(const QByteArray& json, QString* error = nullptr);
    static QByteArray curveJson(const std::vector<TrainEpochRecord>& history);
    static QJsonObject epochLine(const TrainEpochRecord& epoch);
    static QJsonObject finalLine(const TrainObjectiveResult& result);
    // One line of the training log: "step 12 (fold 2, epoch 2): train_loss=0.41 ... lr=0.001 0.02s".
    static std::string logLine(const TrainEpochRecord& epoch, bool withFold);
};

} // namespace tw
