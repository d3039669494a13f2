#pragma once
#include "plots/EpochPoint.h"

#include <QByteArray>

#include <vector>

namespace tw::widgets {

// Reads back the "curve" artifact a train objective stores for each trial
// (TrainArtifacts::curveJson: one object per epoch with "step", "train_loss", "val_loss",
// every other metric and "value"; non-finite numbers as "nan", "inf", "-inf") as the
// points the loss plots draw: x is the step, as for intermediate values.
class CurveArtifact {
public:
    // The points, or an empty vector when `json` holds no epoch (or is not a curve). An
    // epoch without either loss draws its value as the validation series.
    static std::vector<EpochPoint> parse(int trial, const QByteArray& json);
};

} // namespace tw::widgets
