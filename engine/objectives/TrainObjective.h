#pragma once
#include "objectives/DatasetCache.h"
#include "objectives/TrainObjectiveOptions.h"
#include "objectives/TrainObjectiveResult.h"
#include "runner/EpochEvent.h"
#include "spec/ObjectiveSpec.h"
#include "spec/ParseResult.h"

#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <functional>
#include <memory>
#include <stop_token>

namespace tw {

// The `train` objective: one trial's model trained on the spec's data.
//  1. Loads the dataset (once per study: the DatasetCache is shared by all trials).
//  2. Splits it per dataset.split (stratified, seeded), or into cv_folds folds after
//     holding out the test split; Fashion-MNIST's official test set is its test split.
//     The preprocessing is fitted on each fold's training rows only.
//  3. Builds the model and trainer from the spec, augments the training rows afresh every
//     epoch, and trains, reporting the study's metric every epoch (step = fold x epochs +
//     epoch) so the pruner can stop the trial between epochs and between folds.
//  4. Scores the result: the metric (fold mean), all final metrics, the test split's
//     metrics (never used for tuning), the validation confusion matrix and the model.
// run() never throws for bad data or a bad spec: those come back as a Failed result
// with the message. Thread-safe: trials run it in parallel.
class TrainObjective {
public:
    // Called once per epoch with the step and the metric's value; true means prune.
    using Report = std::function<bool(std::int64_t step, double value)>;
    using EpochSink = std::function<void(const EpochEvent&)>;

    using Options = TrainObjectiveOptions;

    // A null cache makes a private one.
    explicit TrainObjective(std::shared_ptr<DatasetCache> cache = nullptr);

    DatasetCache& cache() const { return *m_cache; }

    // The objective for one trial: `params` set by dotted path into `objectiveJson`
    // (ParamsJson::applyToObjective), then parsed (StudySpecParser::parseObjective).
    static ParseResult<ObjectiveSpec> forTrial(const QJsonObject& objectiveJson, const QJsonObject& params,
                                               const QString& metric);

    // `metric` is the study's metric, one of {train,val}_{loss,accuracy,f1_macro,rmse,mae,r2}.
    TrainObjectiveResult run(const ObjectiveSpec& objective, const QString& metric, std::stop_token stop = {},
                             const Report& report = {}, const EpochSink& epochs = {},
                             const Options& options = {}) const;

private:
    std::shared_ptr<DatasetCache> m_cache;
};

} // namespace tw
