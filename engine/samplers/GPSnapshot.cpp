#include "samplers/GPSnapshot.h"

#include "samplers/YeoJohnsonTransform.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace tw {

namespace {

void number(std::string& out, double v)
{
    if (!std::isfinite(v)) {
        out += "null";
        return;
    }
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

void numbers(std::string& out, const std::vector<double>& v)
{
    out += '[';
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i)
            out += ',';
        number(out, v[i]);
    }
    out += ']';
}

void string(std::string& out, const std::string& s)
{
    out += '"';
    for (char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += c;
        }
    }
    out += '"';
}

void key(std::string& out, const char* k)
{
    out += '"';
    out += k;
    out += "\":";
}

} // namespace

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
    key(o, "version");
    o += std::to_string(kVersion);
    o += ',';
    key(o, "trial");
    o += std::to_string(trial);
    o += ',';
    key(o, "params");
    o += '[';
    for (std::size_t i = 0; i < params.size(); ++i) {
        if (i)
            o += ',';
        string(o, params[i]);
    }
    o += "],";
    key(o, "fitted_on");
    o += '[';
    for (std::size_t i = 0; i < fittedOn.size(); ++i) {
        if (i)
            o += ',';
        o += std::to_string(fittedOn[i]);
    }
    o += "],";
    key(o, "pending");
    o += '[';
    for (std::size_t i = 0; i < pending.size(); ++i) {
        if (i)
            o += ',';
        o += "{\"number\":" + std::to_string(pending[i].number) + ",\"target\":";
        number(o, pending[i].target);
        o += '}';
    }
    o += "],";
    key(o, "kernel");
    o += "{\"type\":\"matern52_ard\",\"log_lengthscales\":";
    numbers(o, logLengthscales);
    o += ",\"log_signal_variance\":";
    number(o, logSignalVariance);
    o += ",\"log_noise_variance\":";
    number(o, logNoiseVariance);
    o += "},";
    key(o, "output");
    o += "{\"sign\":";
    number(o, sign);
    o += ",\"clip\":";
    numbers(o, {clipLow, clipHigh});
    o += ",\"power_transform\":";
    o += powerTransform ? "true" : "false";
    o += ",\"lambda\":";
    number(o, lambda);
    o += ",\"pre_mean\":";
    number(o, preMean);
    o += ",\"pre_sd\":";
    number(o, preSd);
    o += ",\"mean\":";
    number(o, mean);
    o += ",\"sd\":";
    number(o, sd);
    o += "},";
    key(o, "acquisition");
    o += '{';
    key(o, "name");
    string(o, acquisition);
    o += ",\"best\":";
    number(o, best);
    o += ",\"min_variance_ratio\":";
    number(o, minVarianceRatio);
    o += ",\"candidates_considered\":" + std::to_string(candidatesConsidered);
    o += ",\"local_searches\":" + std::to_string(localSearches);
    o += ",\"box_low\":";
    numbers(o, boxLow);
    o += ",\"box_high\":";
    numbers(o, boxHigh);
    o += "},";
    // Seeds as strings: a 64-bit integer does not survive a JSON reader's doubles.
    key(o, "seed");
    string(o, std::to_string(seed));
    o += ',';
    key(o, "trial_seed");
    string(o, std::to_string(trialSeed));
    o += ',';
    key(o, "point");
    o += "{\"x\":";
    numbers(o, point);
    o += ",\"acquisition\":";
    number(o, pointAcquisition);
    o += "},";
    key(o, "candidates");
    o += '[';
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (i)
            o += ',';
        o += "{\"x\":";
        numbers(o, candidates[i].x);
        o += ",\"acquisition\":";
        number(o, candidates[i].acquisition);
        o += ",\"source\":";
        string(o, candidates[i].source);
        o += '}';
    }
    o += "]}";
    return o;
}

} // namespace tw
