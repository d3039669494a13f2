#pragma once
#include "core/SearchSpace.h"
#include "spec/ParseResult.h"
#include "spec/SamplerSpec.h"
#include "spec/SearchSpaceSpec.h"

#include <QJsonObject>
#include <QJsonValue>

#include <map>
#include <optional>
#include <string>

namespace tw {

// Maps the spec's search space (JSON values) to tw::SearchSpace (internal values) and
// back. Categorical choices become their canonical compact JSON text; a condition on a
// categorical parent lists the indices of the matching choices.
class SpecSearchSpace {
public:
    // The validated, topologically ordered SearchSpace; errors name the JSON path
    // (`search_space["x"]: low (1) must be less than high (0)`).
    static ParseResult<SearchSpace> build(const SearchSpaceSpec& spec);
    // The same, throwing SpecError (for parsers that collect the first error).
    static SearchSpace buildOrThrow(const SearchSpaceSpec& spec);

    static Distribution distribution(const ParamSpecJson& param);

    // The block index of a key into one conv block ("model.conv.1.kernel" -> 1), else
    // nullopt. When `model.conv` is searched too, such a key is active only for the
    // choices of model.conv that have the block (an implied condition on model.conv, met
    // with the key's own condition when that is on model.conv too).
    static std::optional<qsizetype> convBlockIndex(const QString& name);

    // Internal value -> JSON: a float as a number, an int as an integer, a categorical or
    // fixed as its JSON choice. Throws std::out_of_range for an index outside the choices.
    static QJsonValue toJsonValue(double internal, const Distribution& dist);
    // JSON -> internal: nullopt when the value is not in the domain (a float outside
    // [low, high] or off its step, a non-integer for an int, no equal choice).
    static std::optional<double> internalOf(const QJsonValue& value, const Distribution& dist);

    // A trial's parameters as the output formats show them: name -> JSON value. Names
    // without a distribution are left out.
    static QJsonObject toJson(const ParamValues& values,
                              const std::map<std::string, Distribution>& distributions);
    static QJsonObject toJson(const ParamValues& values, const SearchSpace& space);
    // The inverse, for enqueued trials and --params: every key must be a parameter of the
    // space and every value in its domain; the error names the key.
    static ParseResult<ParamValues> fromJson(const QJsonObject& params, const SearchSpace& space);

    // For the grid sampler: the number of points of each float parameter that has no step
    // (its own `resolution`, else the sampler's). Floats with neither are left out.
    static std::map<std::string, int> gridResolutions(const SearchSpaceSpec& spec,
                                                      const SamplerSpec& sampler);
};

} // namespace tw
