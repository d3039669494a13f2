#include "analysis/ParamImportance.h"
#include "analysis/FanovaImportance.h"
#include "analysis/MdiImportance.h"
#include "analysis/RandomForest.h"
#include "core/Random.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace tw {

std::string_view toString(ImportanceEvaluator e)
{
    return e == ImportanceEvaluator::Fanova ? "fanova" : "mdi";
}

std::optional<ImportanceEvaluator> importanceEvaluatorFromString(std::string_view text)
{
    if (text == "fanova")
        return ImportanceEvaluator::Fanova;
    if (text == "mdi")
        return ImportanceEvaluator::Mdi;
    return std::nullopt;
}

namespace {

bool isSingle(const Distribution& d)
{
    if (d.kind() == Distribution::Kind::Fixed)
        return true;
    if (d.kind() == Distribution::Kind::Categorical)
        return d.choiceCount() <= 1;
    return !(d.low() < d.high());
}

} // namespace

std::vector<std::pair<std::string, Distribution>> ParamImportance::searchSpace(const std::vector<FrozenTrial>& trials)
{
    std::map<std::string, Distribution> space;
    bool first = true;
    for (const FrozenTrial& t : trials) {
        if (t.state != TrialState::Complete)
            continue;
        if (first) {
            space = t.distributions;
            first = false;
            continue;
        }
        for (auto it = space.begin(); it != space.end();) {
            auto found = t.distributions.find(it->first);
            if (found == t.distributions.end() || !(found->second == it->second))
                it = space.erase(it);
            else
                ++it;
        }
    }
    return {space.begin(), space.end()};
}

FeatureColumn ParamImportance::column(const std::string& name, const Distribution& dist)
{
    FeatureColumn c;
    c.name = name;
    if (dist.kind() == Distribution::Kind::Categorical || dist.kind() == Distribution::Kind::Fixed) {
        c.categories = std::max(1, dist.choiceCount());
        return c;
    }
    c.low = dist.isLog() ? std::log(dist.low()) : dist.low();
    c.high = dist.isLog() ? std::log(dist.high()) : dist.high();
    return c;
}

double ParamImportance::encode(double internal, const Distribution& dist)
{
    if (dist.isNumeric() && dist.isLog())
        return std::log(internal);
    return internal;
}

ParamImportanceResult ParamImportance::compute(const std::vector<FrozenTrial>& trials,
                                               const ParamImportanceOptions& options)
{
    ParamImportanceResult result;
    result.evaluator = options.evaluator;
    const auto space = searchSpace(trials);
    std::vector<std::pair<std::string, Distribution>> varying;
    std::vector<std::string> single;
    for (const auto& [name, dist] : space)
        if (isSingle(dist))
            single.push_back(name);
        else
            varying.emplace_back(name, dist);

    std::vector<const FrozenTrial*> rows;
    std::size_t complete = 0;
    for (const FrozenTrial& t : trials) {
        if (t.state != TrialState::Complete)
            continue;
        ++complete;
        if (!t.value || !std::isfinite(*t.value))
            continue;
        bool all = true;
        for (const auto& [name, dist] : varying) {
            auto it = t.params.find(name);
            all = all && it != t.params.end() && std::isfinite(encode(it->second, dist));
        }
        if (all)
            rows.push_back(&t);
    }
    result.eligibleTrials = rows.size();
    if (space.empty()) {
        result.error = complete == 0 ? "the study has no complete trial"
                                     : "no parameter is common to all complete trials";
        return result;
    }
    if (rows.size() < 2) {
        result.error = "importance needs at least 2 complete trials with a finite value; the study has " +
                       std::to_string(rows.size());
        return result;
    }
    if (options.maxTrials > 0 && rows.size() > options.maxTrials) {
        Random rng(Random::derive(options.seed, 0x5ab5a3b1eULL));
        for (std::size_t i = 0; i < options.maxTrials; ++i)
            std::swap(rows[i], rows[i + rng.below(rows.size() - i)]);
        rows.resize(options.maxTrials);
        std::sort(rows.begin(), rows.end(), [](const FrozenTrial* a, const FrozenTrial* b) {
            return a->number < b->number;
        });
    }
    result.trials = rows.size();

    if (varying.empty()) {
        result.error = "no parameter common to all complete trials has more than one possible value";
        return result;
    }
    std::vector<double> values(varying.size(), 0.0);
    {
        std::vector<FeatureColumn> columns;
        for (const auto& [name, dist] : varying)
            columns.push_back(column(name, dist));
        RegressionData data(columns);
        std::vector<double> x(varying.size());
        double lo = *rows.front()->value, hi = lo;
        for (const FrozenTrial* t : rows) {
            for (std::size_t c = 0; c < varying.size(); ++c)
                x[c] = encode(t->params.at(varying[c].first), varying[c].second);
            data.addRow(x, *t->value);
            lo = std::min(lo, *t->value);
            hi = std::max(hi, *t->value);
        }
        if (!(lo < hi)) {
            result.error = "every one of the " + std::to_string(rows.size()) +
                           " complete trials has the same value: no parameter explains any variation";
            return result;
        }
        if (std::string why = data.validationError(); !why.empty()) {
            result.error = why;
            return result;
        }
        RandomForestOptions forestOptions;
        forestOptions.trees = options.trees;
        forestOptions.tree.maxDepth = options.maxDepth;
        forestOptions.seed = options.seed;
        const RandomForest forest = RandomForest::fit(data, forestOptions);
        values = options.evaluator == ImportanceEvaluator::Fanova ? FanovaImportance::importance(forest, columns)
                                                                  : MdiImportance::importance(forest);
        double sum = 0;
        for (double v : values)
            sum += v;
        if (sum > 0)
            for (double& v : values)
                v /= sum;
    }
    for (std::size_t c = 0; c < varying.size(); ++c)
        result.importances.push_back({varying[c].first, values[c]});
    for (const std::string& name : single)
        result.importances.push_back({name, 0.0});
    std::sort(result.importances.begin(), result.importances.end(),
              [](const ParamImportanceEntry& a, const ParamImportanceEntry& b) {
                  return a.importance != b.importance ? a.importance > b.importance : a.param < b.param;
              });
    return result;
}

} // namespace tw
