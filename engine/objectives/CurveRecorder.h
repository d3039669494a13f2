#pragma once
#include "objectives/TrainEpochRecord.h"
#include "train/TrainingCallback.h"

#include <functional>
#include <string>
#include <vector>

namespace tw {

// Records the learning curve of a train objective: after every epoch, one TrainEpochRecord
// (step = fold x epochsPerFold + epoch, the study's metric as its value) appended to `into`
// and handed to `sink` (the training log, the live plot's events).
class CurveRecorder final : public TrainingCallback {
public:
    using Sink = std::function<void(const TrainEpochRecord&)>;

    CurveRecorder(std::vector<TrainEpochRecord>& into, std::string metric, int fold, int epochsPerFold, Sink sink = {})
        : m_into(into), m_metric(std::move(metric)), m_fold(fold), m_epochsPerFold(epochsPerFold), m_sink(std::move(sink))
    {
    }

    EpochAction onEpochEnd(TrainingState& state, const EpochMetrics& epoch) override;

private:
    std::vector<TrainEpochRecord>& m_into;
    std::string m_metric;
    int m_fold;
    int m_epochsPerFold;
    Sink m_sink;
};

} // namespace tw
