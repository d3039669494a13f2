#include "io/GPSnapshotJson.h"

#include "io/SnapshotJsonReader.h"

#include <QJsonArray>
#include <QJsonObject>

namespace tw {

namespace {

using R = SnapshotJsonReader;
using Bad = SnapshotJsonReader::Bad;

GPSnapshot read(const QJsonObject& o)
{
    GPSnapshot s;
    const int version = R::integer(o, "", "version");
    if (version != GPSnapshot::kVersion)
        throw Bad("version " + std::to_string(version) + " is not known (expected " +
                  std::to_string(GPSnapshot::kVersion) + ")");
    s.trial = R::integer(o, "", "trial");
    for (const QJsonValue& v : R::array(o, "", "params")) {
        if (!v.isString())
            throw Bad("params holds a value that is not a name");
        s.params.push_back(v.toString().toStdString());
    }
    for (const QJsonValue& v : R::array(o, "", "fitted_on")) {
        if (!v.isDouble())
            throw Bad("fitted_on holds a value that is not a trial number");
        s.fittedOn.push_back(v.toInt());
    }
    for (const QJsonValue& v : R::array(o, "", "pending")) {
        if (!v.isObject())
            throw Bad("pending holds a value that is not an object");
        s.pending.push_back({R::integer(v.toObject(), "pending[].", "number"),
                             R::number(v.toObject(), "pending[].", "target")});
    }
    const QJsonObject kernel = R::object(o, "", "kernel");
    s.logLengthscales = R::numbers(kernel, "kernel.", "log_lengthscales");
    s.logSignalVariance = R::number(kernel, "kernel.", "log_signal_variance");
    s.logNoiseVariance = R::number(kernel, "kernel.", "log_noise_variance");
    const QJsonObject out = R::object(o, "", "output");
    s.sign = R::number(out, "output.", "sign");
    const std::vector<double> clip = R::numbers(out, "output.", "clip");
    if (clip.size() != 2)
        throw Bad("output.clip is not a pair [low, high]");
    s.clipLow = clip[0];
    s.clipHigh = clip[1];
    const QJsonValue power = R::member(out, "output.", "power_transform");
    if (!power.isBool())
        throw Bad("output.power_transform is not true or false");
    s.powerTransform = power.toBool();
    s.lambda = R::number(out, "output.", "lambda");
    s.preMean = R::number(out, "output.", "pre_mean");
    s.preSd = R::number(out, "output.", "pre_sd");
    s.mean = R::number(out, "output.", "mean");
    s.sd = R::number(out, "output.", "sd");
    const QJsonObject acq = R::object(o, "", "acquisition");
    const QJsonValue name = R::member(acq, "acquisition.", "name");
    if (!name.isString())
        throw Bad("acquisition.name is not a string");
    s.acquisition = name.toString().toStdString();
    s.best = R::number(acq, "acquisition.", "best");
    s.minVarianceRatio = R::number(acq, "acquisition.", "min_variance_ratio");
    s.candidatesConsidered = R::integer(acq, "acquisition.", "candidates_considered");
    s.localSearches = R::integer(acq, "acquisition.", "local_searches");
    s.boxLow = R::numbers(acq, "acquisition.", "box_low");
    s.boxHigh = R::numbers(acq, "acquisition.", "box_high");
    if (s.boxLow.size() != s.boxHigh.size())
        throw Bad("acquisition.box_low and box_high differ in length");
    s.seed = R::seed(o, "", "seed");
    s.trialSeed = R::seed(o, "", "trial_seed");
    const QJsonObject point = R::object(o, "", "point");
    s.point = R::numbers(point, "point.", "x");
    s.pointAcquisition = R::number(point, "point.", "acquisition");
    for (const QJsonValue& v : R::array(o, "", "candidates")) {
        if (!v.isObject())
            throw Bad("candidates holds a value that is not an object");
        const QJsonObject c = v.toObject();
        GPSnapshot::Candidate cand;
        cand.x = R::numbers(c, "candidates[].", "x");
        cand.acquisition = R::number(c, "candidates[].", "acquisition");
        cand.source = c.value(QLatin1String("source")).toString().toStdString();
        s.candidates.push_back(std::move(cand));
    }
    return s;
}

} // namespace

std::optional<GPSnapshot> GPSnapshotJson::parse(const std::string& json, QString* error)
{
    return SnapshotJsonReader::parse<GPSnapshot>(json, GPSnapshot::kAttr, read, error);
}

} // namespace tw
