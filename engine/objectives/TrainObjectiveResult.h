#pragma once
#include "modelio/SavedModel.h"
#include "objectives/ConfusionMatrix.h"
#include "objectives/MisclassifiedRows.h"
#include "objectives/TrainEpochRecord.h"

#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tw {

// What one run of a train objective produced.
struct TrainObjectiveResult {
    enum class Status {
        Complete,
        Pruned,     // the report callback asked to stop
        Cancelled,  // the stop token
        Failed      // bad data or spec, divergence: see reason
    };
    Status status = Status::Complete;
    std::string reason;
    // Failed before training started: the data or the spec cannot work (the CLI exits 2),
    // as opposed to a run that diverged.
    bool badInput = false;
    // The study's metric for the trained model: from the restored best epoch when early
    // stopping restored weights; with cross-validation the mean over the folds.
    double value = std::numeric_limits<double>::quiet_NaN();
    std::map<std::string, double> metrics;      // final train_* and val_* (fold means)
    std::map<std::string, double> testMetrics;  // on the test split: loss, accuracy... (never tuned on)
    std::optional<ConfusionMatrix> confusion;   // classifiers with a validation split
    std::optional<MisclassifiedRows> misclassified; // image classifiers with a validation split
    std::vector<TrainEpochRecord> history;
    std::vector<double> foldValues;             // the metric per fold (one for a hold-out)
    std::optional<SavedModel> model;            // Complete only
    double seconds = 0.0;

    bool isComplete() const { return status == Status::Complete; }
    static TrainObjectiveResult failed(std::string reason, bool badInput = false)
    {
        TrainObjectiveResult r;
        r.status = Status::Failed;
        r.reason = std::move(reason);
        r.badInput = badInput;
        return r;
    }
};

} // namespace tw
