#pragma once
#include "spec/SpecReader.h"
#include "spec/TrainingSpec.h"

#include <QString>

namespace tw::specparse {

// `objective.training`: optimizer, loss, batches and epochs, the learning-rate schedule
// and early stopping. `studyMetric` gives early stopping its default metric.
class TrainingSectionParser {
public:
    static TrainingSpec parse(const SpecReader& r, const QString& studyMetric);
};

} // namespace tw::specparse
