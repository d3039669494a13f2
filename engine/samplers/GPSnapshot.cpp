#include "samplers/GPSnapshot.h"

#include "samplers/JsonText.h"
#include "samplers/YeoJohnsonTransform.h"

#include <algorithm>
#include <cmath>

namespace tw {

double GPSnapshot::transformTarget(double value) const
{
    double y = std::clamp(sign * value, clipLow, clipHigh);
    if (powerTransform)
        y = YeoJohnsonTransform::transform((y - preMean) / preSd, lambda);
    return (y - mean) / sd;
}

void GPSnapshot::setStandardization(const Eigen::VectorXd& t, const Eigen::VectorXd& ys)
{
    // ys = (t - mean) / sd, whatever the sampler's definition of the standard deviation.
    const double mt = t.mean();
    const double my = ys.mean();
    const double vt = (t.array() - mt).square().sum();
    const double vy = (ys.array() - my).square().sum();
    sd = vy > 0 && vt > 0 ? std::sqrt(vt / vy) : 1.0;
    mean = mt - sd * my;
}

void GPSnapshot::sortCandidates(std::size_t keep)
{
    std::vector<Candidate> out;
    for (auto& c : candidates) {
        double diff = c.x.size() == point.size() ? 0.0 : 1.0;
        for (std::size_t i = 0; i < c.x.size() && i < point.size(); ++i)
            diff = std::max(diff, std::abs(c.x[i] - point[i]));
        if (diff > 1e-12)  // the chosen point itself is not one of "the others"
            out.push_back(std::move(c));
    }
    std::stable_sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
        return a.acquisition > b.acquisition;
    });
    if (out.size() > keep)
        out.resize(keep);
    candidates = std::move(out);
}

std::string GPSnapshot::toJson() const
{
    std::string o = "{";
    JsonText::key(o, "version");
    o += std::to_string(kVersion);
    o += ',';
    JsonText::key(o, "trial");
    o += std::to_string(trial);
    o += ',';
    JsonText::key(o, "params");
    JsonText::strings(o, params);
    o += ',';
    JsonText::key(o, "fitted_on");
    JsonText::integers(o, fittedOn);
    o += ',';
    JsonText::key(o, "pending");
    o += '[';
    for (std::size_t i = 0; i < pending.size(); ++i) {
        if (i)
            o += ',';
        o += "{\"number\":" + std::to_string(pending[i].number) + ",\"target\":";
        JsonText::number(o, pending[i].target);
        o += '}';
    }
    o += "],";
    JsonText::key(o, "kernel");
    o += "{\"type\":\"matern52_ard\",\"log_lengthscales\":";
    JsonText::numbers(o, logLengthscales);
    o += ",\"log_signal_variance\":";
    JsonText::number(o, logSignalVariance);
    o += ",\"log_noise_variance\":";
    JsonText::number(o, logNoiseVariance);
    o += "},";
    JsonText::key(o, "output");
    o += "{\"sign\":";
    JsonText::number(o, sign);
    o += ",\"clip\":";
    JsonText::numbers(o, {clipLow, clipHigh});
    o += ",\"power_transform\":";
    o += powerTransform ? "true" : "false";
    o += ",\"lambda\":";
    JsonText::number(o, lambda);
    o += ",\"pre_mean\":";
    JsonText::number(o, preMean);
    o += ",\"pre_sd\":";
    JsonText::number(o, preSd);
    o += ",\"mean\":";
    JsonText::number(o, mean);
    o += ",\"sd\":";
    JsonText::number(o, sd);
    o += "},";
    JsonText::key(o, "acquisition");
    o += '{';
    JsonText::key(o, "name");
    JsonText::string(o, acquisition);
    o += ",\"best\":";
    JsonText::number(o, best);
    o += ",\"min_variance_ratio\":";
    JsonText::number(o, minVarianceRatio);
    o += ",\"candidates_considered\":" + std::to_string(candidatesConsidered);
    o += ",\"local_searches\":" + std::to_string(localSearches);
    o += ",\"box_low\":";
    JsonText::numbers(o, boxLow);
    o += ",\"box_high\":";
    JsonText::numbers(o, boxHigh);
    o += "},";
    // Seeds as strings: a 64-bit integer does not survive a JSON reader's doubles.
    JsonText::key(o, "seed");
    JsonText::string(o, std::to_string(seed));
    o += ',';
    JsonText::key(o, "trial_seed");
    JsonText::string(o, std::to_string(trialSeed));
    o += ',';
    JsonText::key(o, "point");
    o += "{\"x\":";
    JsonText::numbers(o, point);
    o += ",\"acquisition\":";
    JsonText::number(o, pointAcquisition);
    o += "},";
    JsonText::key(o, "candidates");
    o += '[';
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (i)
            o += ',';
        o += "{\"x\":";
        JsonText::numbers(o, candidates[i].x);
        o += ",\"acquisition\":";
        JsonText::number(o, candidates[i].acquisition);
        o += ",\"source\":";
        JsonText::string(o, candidates[i].source);
        o += '}';
    }
    o += "]}";
    return o;
}

} // namespace tw
