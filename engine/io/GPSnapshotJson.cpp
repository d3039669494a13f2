#include "io/GPSnapshotJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <limits>
#include <stdexcept>

namespace tw {

namespace {

struct Bad : std::runtime_error {
    using std::runtime_error::runtime_error;
};

QJsonValue member(const QJsonObject& o, const char* path, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined())
        throw Bad(std::string(path) + key + " is missing");
    return v;
}

// A number; null stands for a non-finite value (toJson writes those as null).
double number(const QJsonObject& o, const char* path, const char* key)
{
    const QJsonValue v = member(o, path, key);
    if (v.isNull())
        return std::numeric_limits<double>::quiet_NaN();
    if (!v.isDouble())
        throw Bad(std::string(path) + key + " is not a number");
    return v.toDouble();
}

int integer(const QJsonObject& o, const char* path, const char* key)
{
    const double v = number(o, path, key);
    if (!(v == static_cast<double>(static_cast<int>(v))))
        throw Bad(std::string(path) + key + " is not an integer");
    return static_cast<int>(v);
}

QJsonObject object(const QJsonObject& o, const char* path, const char* key)
{
    const QJsonValue v = member(o, path, key);
    if (!v.isObject())
        throw Bad(std::string(path) + key + " is not an object");
    return v.toObject();
}

QJsonArray array(const QJsonObject& o, const char* path, const char* key)
{
    const QJsonValue v = member(o, path, key);
    if (!v.isArray())
        throw Bad(std::string(path) + key + " is not an array");
    return v.toArray();
}

std::vector<double> numbers(const QJsonObject& o, const char* path, const char* key)
{
    std::vector<double> out;
    for (const QJsonValue& v : array(o, path, key)) {
        if (v.isNull())
            out.push_back(std::numeric_limits<double>::quiet_NaN());
        else if (v.isDouble())
            out.push_back(v.toDouble());
        else
            throw Bad(std::string(path) + key + " holds a value that is not a number");
    }
    return out;
}

std::uint64_t seed(const QJsonObject& o, const char* key)
{
    const QJsonValue v = member(o, "", key);
    bool ok = false;
    const qulonglong s = v.toString().toULongLong(&ok);
    if (!v.isString() || !ok)
        throw Bad(std::string(key) + " is not a seed (a string of digits)");
    return s;
}

GPSnapshot read(const QJsonObject& o)
{
    GPSnapshot s;
    const int version = integer(o, "", "version");
    if (version != GPSnapshot::kVersion)
        throw Bad("version " + std::to_string(version) + " is not known (expected " +
                  std::to_string(GPSnapshot::kVersion) + ")");
    s.trial = integer(o, "", "trial");
    for (const QJsonValue& v : array(o, "", "params")) {
        if (!v.isString())
            throw Bad("params holds a value that is not a name");
        s.params.push_back(v.toString().toStdString());
    }
    for (const QJsonValue& v : array(o, "", "fitted_on")) {
        if (!v.isDouble())
            throw Bad("fitted_on holds a value that is not a trial number");
        s.fittedOn.push_back(v.toInt());
    }
    for (const QJsonValue& v : array(o, "", "pending")) {
        if (!v.isObject())
            throw Bad("pending holds a value that is not an object");
        s.pending.push_back({integer(v.toObject(), "pending[].", "number"),
                             number(v.toObject(), "pending[].", "target")});
    }
    const QJsonObject kernel = object(o, "", "kernel");
    s.logLengthscales = numbers(kernel, "kernel.", "log_lengthscales");
    s.logSignalVariance = number(kernel, "kernel.", "log_signal_variance");
    s.logNoiseVariance = number(kernel, "kernel.", "log_noise_variance");
    const QJsonObject out = object(o, "", "output");
    s.sign = number(out, "output.", "sign");
    const std::vector<double> clip = numbers(out, "output.", "clip");
    if (clip.size() != 2)
        throw Bad("output.clip is not a pair [low, high]");
    s.clipLow = clip[0];
    s.clipHigh = clip[1];
    const QJsonValue power = member(out, "output.", "power_transform");
    if (!power.isBool())
        throw Bad("output.power_transform is not true or false");
    s.powerTransform = power.toBool();
    s.lambda = number(out, "output.", "lambda");
    s.preMean = number(out, "output.", "pre_mean");
    s.preSd = number(out, "output.", "pre_sd");
    s.mean = number(out, "output.", "mean");
    s.sd = number(out, "output.", "sd");
    const QJsonObject acq = object(o, "", "acquisition");
    const QJsonValue name = member(acq, "acquisition.", "name");
    if (!name.isString())
        throw Bad("acquisition.name is not a string");
    s.acquisition = name.toString().toStdString();
    s.best = number(acq, "acquisition.", "best");
    s.minVarianceRatio = number(acq, "acquisition.", "min_variance_ratio");
    s.candidatesConsidered = integer(acq, "acquisition.", "candidates_considered");
    s.localSearches = integer(acq, "acquisition.", "local_searches");
    s.boxLow = numbers(acq, "acquisition.", "box_low");
    s.boxHigh = numbers(acq, "acquisition.", "box_high");
    if (s.boxLow.size() != s.boxHigh.size())
        throw Bad("acquisition.box_low and box_high differ in length");
    s.seed = seed(o, "seed");
    s.trialSeed = seed(o, "trial_seed");
    const QJsonObject point = object(o, "", "point");
    s.point = numbers(point, "point.", "x");
    s.pointAcquisition = number(point, "point.", "acquisition");
    for (const QJsonValue& v : array(o, "", "candidates")) {
        if (!v.isObject())
            throw Bad("candidates holds a value that is not an object");
        const QJsonObject c = v.toObject();
        GPSnapshot::Candidate cand;
        cand.x = numbers(c, "candidates[].", "x");
        cand.acquisition = number(c, "candidates[].", "acquisition");
        cand.source = c.value(QLatin1String("source")).toString().toStdString();
        s.candidates.push_back(std::move(cand));
    }
    return s;
}

} // namespace

std::optional<GPSnapshot> GPSnapshotJson::parse(const std::string& json, QString* error)
{
    QJsonParseError pe;
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray(json.data(), static_cast<qsizetype>(json.size())), &pe);
    try {
        if (pe.error != QJsonParseError::NoError)
            throw Bad("not JSON (" + pe.errorString().toStdString() + " at offset " +
                      std::to_string(pe.offset) + ")");
        if (!doc.isObject())
            throw Bad("not a JSON object");
        return read(doc.object());
    } catch (const Bad& e) {
        if (error)
            *error = QStringLiteral("gp_snapshot: %1").arg(QString::fromStdString(e.what()));
        return std::nullopt;
    }
}

} // namespace tw
