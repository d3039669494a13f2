#pragma once

namespace tw {

// `pruner`. Absent: none. Steps are the objective's intermediate steps (epochs for a
// train objective; f x epochs + e with cross-validation).
struct PrunerSpec {
    enum class Type { None, Median, Percentile, Asha, Hyperband };
    Type type = Type::None;
    int nStartupTrials = 5;   // median, percentile: "n_startup_trials", >= 0
    int nWarmupSteps = 0;     // median, percentile: "n_warmup_steps", >= 0
    double percentile = 50.0; // percentile (required there), in (0, 100); median is 50
    int minResource = 1;      // asha, hyperband: "min_resource", >= 1
    // hyperband: "max_resource" > min_resource. Optional for a train objective, where it
    // defaults to epochs x max(1, cv_folds) (the high bound when epochs is searched).
    int maxResource = 0;
    int reductionFactor = 3; // asha, hyperband: "reduction_factor", >= 2
};

} // namespace tw
