#include "io/TPESnapshotJson.h"

#include "io/SnapshotJsonReader.h"

namespace tw {

namespace {

using R = SnapshotJsonReader;
using Bad = SnapshotJsonReader::Bad;

QJsonObject element(const QJsonValue& v, const char* where)
{
    if (!v.isObject())
        throw Bad(std::string(where) + " holds a value that is not an object");
    return v.toObject();
}

TPESnapshot read(const QJsonObject& o)
{
    TPESnapshot s;
    const int version = R::integer(o, "", "version");
    if (version != TPESnapshot::kVersion)
        throw Bad("version " + std::to_string(version) + " is not known (expected " +
                  std::to_string(TPESnapshot::kVersion) + ")");
    s.trial = R::integer(o, "", "trial");
    s.seed = R::seed(o, "", "seed");
    s.attempt = R::integer(o, "", "attempt");
    const QJsonObject gamma = R::object(o, "", "gamma");
    s.gammaFraction = R::number(gamma, "gamma.", "fraction");
    s.gammaCap = R::integer(gamma, "gamma.", "cap");
    const QJsonObject e = R::object(o, "", "estimator");
    s.priorWeight = R::number(e, "estimator.", "prior_weight");
    s.magicClip = R::boolean(e, "estimator.", "magic_clip");
    s.magicClipExponent = R::number(e, "estimator.", "magic_clip_exponent");
    s.minBandwidth = R::number(e, "estimator.", "min_bandwidth");
    s.considerEndpoints = R::boolean(e, "estimator.", "consider_endpoints");
    s.kernelWeighting = R::string(e, "estimator.", "kernel_weighting");
    if (s.kernelWeighting != "width_proportional" && s.kernelWeighting != "plain")
        throw Bad("estimator.kernel_weighting is \"" + s.kernelWeighting + "\", expected width_proportional or plain");
    s.recencyWeights = R::boolean(e, "estimator.", "recency_weights");
    for (const QJsonValue& v : R::array(o, "", "splits")) {
        const QJsonObject so = element(v, "splits");
        TPESnapshot::Split split;
        split.counted = R::integer(so, "splits[].", "counted");
        split.below = R::integers(so, "splits[].", "below");
        split.running = R::integers(so, "splits[].", "running");
        for (const QJsonValue& r : R::array(so, "splits[].", "above")) {
            const QJsonArray pair = r.toArray();
            if (!r.isArray() || pair.size() != 2 || !pair[0].isDouble() || !pair[1].isDouble() ||
                pair[0].toInt() > pair[1].toInt())
                throw Bad("splits[].above holds a value that is not a range [first, last] of trial numbers");
            split.above.emplace_back(pair[0].toInt(), pair[1].toInt());
        }
        s.splits.push_back(std::move(split));
    }
    for (const QJsonValue& v : R::array(o, "", "groups")) {
        const QJsonObject go = element(v, "groups");
        TPESnapshot::Group g;
        g.multivariate = R::boolean(go, "groups[].", "multivariate");
        g.split = R::integer(go, "groups[].", "split");
        if (g.split < 0 || g.split >= static_cast<int>(s.splits.size()))
            throw Bad("groups[].split " + std::to_string(g.split) + " is not one of the " +
                      std::to_string(s.splits.size()) + " splits");
        g.params = R::strings(go, "groups[].", "params");
        g.bandwidth = R::string(go, "groups[].", "bandwidth");
        if (g.bandwidth != "neighbor_gap" && g.bandwidth != "scott")
            throw Bad("groups[].bandwidth is \"" + g.bandwidth + "\", expected neighbor_gap or scott");
        g.aboveSorted = R::boolean(go, "groups[].", "above_sorted");
        g.missing = R::integers(go, "groups[].", "missing");
        g.candidatesDrawn = R::integer(go, "groups[].", "candidates_drawn");
        g.point = R::numbers(go, "groups[].", "point");
        if (g.params.empty() || g.point.size() != g.params.size())
            throw Bad("groups[].point has " + std::to_string(g.point.size()) + " values for " +
                      std::to_string(g.params.size()) + " params");
        g.logL = R::number(go, "groups[].", "log_l");
        g.logG = R::number(go, "groups[].", "log_g");
        g.score = R::number(go, "groups[].", "score");
        for (const QJsonValue& c : R::array(go, "groups[].", "candidates")) {
            const QJsonObject co = element(c, "groups[].candidates");
            TPESnapshot::Candidate cand;
            cand.x = R::numbers(co, "groups[].candidates[].", "x");
            if (cand.x.size() != g.params.size())
                throw Bad("groups[].candidates[].x has " + std::to_string(cand.x.size()) + " values for " +
                          std::to_string(g.params.size()) + " params");
            cand.score = R::number(co, "groups[].candidates[].", "score");
            g.candidates.push_back(std::move(cand));
        }
        s.groups.push_back(std::move(g));
    }
    if (s.groups.empty())
        throw Bad("groups is empty");
    return s;
}

} // namespace

std::optional<TPESnapshot> TPESnapshotJson::parse(const std::string& json, QString* error)
{
    return SnapshotJsonReader::parse<TPESnapshot>(json, TPESnapshot::kAttr, read, error);
}

} // namespace tw
