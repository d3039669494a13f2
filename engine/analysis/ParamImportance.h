#pragma once
#include "analysis/RegressionData.h"
#include "core/FrozenTrial.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tw {

enum class ImportanceEvaluator { Fanova, Mdi };

std::string_view toString(ImportanceEvaluator e);  // "fanova", "mdi"
std::optional<ImportanceEvaluator> importanceEvaluatorFromString(std::string_view text);

struct ParamImportanceOptions {
    ImportanceEvaluator evaluator = ImportanceEvaluator::Fanova;
    std::uint64_t seed = 0;
    int trees = 64;
    int maxDepth = 64;
    // At most this many trials, a random subset (by the seed) when there are more; 0: all.
    std::size_t maxTrials = 0;
};

struct ParamImportanceEntry {
    std::string param;
    double importance = 0.0;
};

struct ParamImportanceResult {
    ImportanceEvaluator evaluator = ImportanceEvaluator::Fanova;
    std::size_t trials = 0;          // the trials the forest was fitted to
    std::size_t eligibleTrials = 0;  // complete trials with a finite value and every param
    std::vector<ParamImportanceEntry> importances;  // highest first, ties by name; sum 1
    std::string error;  // why there is no result (too few trials, a constant objective...)

    bool ok() const { return error.empty(); }
};

// Parameter importance over a study's complete trials, as Optuna's get_param_importances:
// the parameters are those every complete trial has with the same distribution (Optuna's
// intersection search space), the rows the complete trials with a finite value; a
// parameter with a single possible value gets 0. Unlike Optuna 3.1 (which fits raw values
// and one-hot columns) log-scaled parameters are measured in log space, as the samplers
// see them, and a categorical parameter is one column split by sets of its choices.
class ParamImportance {
public:
    static ParamImportanceResult compute(const std::vector<FrozenTrial>& trials,
                                         const ParamImportanceOptions& options = {});

    // The parameters compute() assesses, by name, with their distributions.
    static std::vector<std::pair<std::string, Distribution>> searchSpace(const std::vector<FrozenTrial>& trials);
    // A parameter's column: log space for log parameters, indices for categoricals.
    static FeatureColumn column(const std::string& name, const Distribution& dist);
    static double encode(double internal, const Distribution& dist);
};

} // namespace tw
