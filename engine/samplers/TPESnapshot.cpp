#include "samplers/TPESnapshot.h"

#include "samplers/JsonText.h"

#include <algorithm>

namespace tw {

void TPESnapshot::sortCandidates(Group& g)
{
    std::stable_sort(g.candidates.begin(), g.candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    std::vector<Candidate> kept;
    for (auto& c : g.candidates) {
        if (kept.size() == kKeptCandidates)
            break;
        // A categorical's or an int's candidates repeat: the winner and repeats are no "others".
        if (c.x == g.point)
            continue;
        if (std::any_of(kept.begin(), kept.end(), [&](const Candidate& k) { return k.x == c.x; }))
            continue;
        kept.push_back(std::move(c));
    }
    g.candidates = std::move(kept);
}

void TPESnapshot::setEstimator(const ParzenEstimatorOptions& o)
{
    priorWeight = o.priorWeight;
    magicClip = o.magicClip;
    magicClipExponent = o.magicClipExponent;
    minBandwidth = o.minBandwidth;
    considerEndpoints = o.considerEndpoints;
    kernelWeighting = o.kernelWeighting == ParzenKernelWeighting::WidthProportional ? "width_proportional" : "plain";
}

ParzenEstimatorOptions TPESnapshot::estimator(const Group& g) const
{
    ParzenEstimatorOptions o;
    o.priorWeight = priorWeight;
    o.magicClip = magicClip;
    o.magicClipExponent = magicClipExponent;
    o.minBandwidth = minBandwidth;
    o.considerEndpoints = considerEndpoints;
    o.kernelWeighting = kernelWeighting == "plain" ? ParzenKernelWeighting::Plain : ParzenKernelWeighting::WidthProportional;
    o.bandwidth = g.bandwidth == "scott" ? ParzenBandwidth::Scott : ParzenBandwidth::NeighborGap;
    return o;
}

int TPESnapshot::groupOf(const std::string& param) const
{
    for (std::size_t i = 0; i < groups.size(); ++i)
        if (std::find(groups[i].params.begin(), groups[i].params.end(), param) != groups[i].params.end())
            return static_cast<int>(i);
    return -1;
}

std::vector<int> TPESnapshot::fromRanges(const std::vector<std::pair<int, int>>& ranges)
{
    std::vector<int> out;
    for (const auto& [first, last] : ranges)
        for (int n = first; n <= last; ++n)
            out.push_back(n);
    return out;
}

std::string TPESnapshot::toJson() const
{
    std::string o = "{";
    auto flag = [&o](bool b) { o += b ? "true" : "false"; };
    JsonText::key(o, "version");
    o += std::to_string(kVersion);
    o += ",\"trial\":" + std::to_string(trial);
    // The seed as a string: a 64-bit integer does not survive a JSON reader's doubles.
    o += ",\"seed\":";
    JsonText::string(o, std::to_string(seed));
    o += ",\"attempt\":" + std::to_string(attempt);
    o += ",\"gamma\":{\"fraction\":";
    JsonText::number(o, gammaFraction);
    o += ",\"cap\":" + std::to_string(gammaCap) + "},\"estimator\":{\"prior_weight\":";
    JsonText::number(o, priorWeight);
    o += ",\"magic_clip\":";
    flag(magicClip);
    o += ",\"magic_clip_exponent\":";
    JsonText::number(o, magicClipExponent);
    o += ",\"min_bandwidth\":";
    JsonText::number(o, minBandwidth);
    o += ",\"consider_endpoints\":";
    flag(considerEndpoints);
    o += ",\"kernel_weighting\":";
    JsonText::string(o, kernelWeighting);
    o += ",\"recency_weights\":";
    flag(recencyWeights);
    o += "},\"splits\":[";
    for (std::size_t i = 0; i < splits.size(); ++i) {
        const Split& s = splits[i];
        if (i)
            o += ',';
        o += "{\"counted\":" + std::to_string(s.counted) + ",\"below\":";
        JsonText::integers(o, s.below);
        o += ",\"above\":[";
        for (std::size_t r = 0; r < s.above.size(); ++r) {
            if (r)
                o += ',';
            o += '[' + std::to_string(s.above[r].first) + ',' + std::to_string(s.above[r].second) + ']';
        }
        o += "],\"running\":";
        JsonText::integers(o, s.running);
        o += '}';
    }
    o += "],\"groups\":[";
    for (std::size_t i = 0; i < groups.size(); ++i) {
        const Group& g = groups[i];
        if (i)
            o += ',';
        o += "{\"multivariate\":";
        flag(g.multivariate);
        o += ",\"split\":" + std::to_string(g.split) + ",\"params\":";
        JsonText::strings(o, g.params);
        o += ",\"bandwidth\":";
        JsonText::string(o, g.bandwidth);
        o += ",\"above_sorted\":";
        flag(g.aboveSorted);
        o += ",\"missing\":";
        JsonText::integers(o, g.missing);
        o += ",\"candidates_drawn\":" + std::to_string(g.candidatesDrawn) + ",\"point\":";
        JsonText::numbers(o, g.point);
        o += ",\"log_l\":";
        JsonText::number(o, g.logL);
        o += ",\"log_g\":";
        JsonText::number(o, g.logG);
        o += ",\"score\":";
        JsonText::number(o, g.score);
        o += ",\"candidates\":[";
        for (std::size_t c = 0; c < g.candidates.size(); ++c) {
            if (c)
                o += ',';
            o += "{\"x\":";
            JsonText::numbers(o, g.candidates[c].x);
            o += ",\"score\":";
            JsonText::number(o, g.candidates[c].score);
            o += '}';
        }
        o += "]}";
    }
    o += "]}";
    return o;
}

} // namespace tw
