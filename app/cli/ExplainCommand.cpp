// tunewright-cli explain: why the GP or the TPE sampler chose a trial (#16 item 7), rebuilt
// from the snapshot the sampler stored with it.
#include "CliArgs.h"
#include "CliCommand.h"
#include "StorageOpener.h"
#include "StudySession.h"
#include "TpeExplanation.h"
#include "analysis/ParzenRebuild.h"
#include "analysis/SurrogateRebuild.h"
#include "io/GPSnapshotJson.h"
#include "io/JsonNumber.h"
#include "io/TPESnapshotJson.h"
#include "spec/SpecSearchSpace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>
#include <cmath>

namespace tw::cli {

namespace {

const char* kUsage =
    "Usage: tunewright-cli explain --trial N [--storage URL] [--study NAME] [--format json|table]\n"
    "  Why the sampler suggested trial N (its number), rebuilt from the snapshot stored with\n"
    "  the trial.\n"
    "  GP trials: the surrogate as it was then (no refit). Along each parameter through the\n"
    "  chosen point: the posterior mean and standard deviation (of the transformed objective,\n"
    "  lower is better) and the acquisition (log expected improvement); the other candidates\n"
    "  the optimizer scored, best first; and the trials the GP was fitted on.\n"
    "  TPE trials: along each parameter, l(x) (the density of the good trials) and g(x) (of\n"
    "  the others) and their log ratio, which the candidates drawn from l(x) competed on; the\n"
    "  split (which trials were good); the other candidates, best first.\n"
    "  Trials of other samplers (random, Sobol, grid, CMA-ES, start-up trials) have no\n"
    "  snapshot: exit 2.\n";

QString methodOf(const FrozenTrial& t)
{
    auto it = t.systemAttrs.find("sampler_method");
    if (it == t.systemAttrs.end())
        return {};
    const QJsonDocument d = QJsonDocument::fromJson(QByteArray::fromStdString("[" + it->second + "]"));
    return d.isArray() ? d.array().first().toString() : QString();
}

QJsonArray numbers(const std::vector<double>& v)
{
    QJsonArray a;
    for (double x : v)
        a.append(JsonNumber::toJson(x));
    return a;
}

// A slice's x as the user's values: numbers, or a categorical's choices.
QJsonArray xs(const SurrogateSlice& s)
{
    QJsonArray a;
    for (double v : s.x) {
        const QJsonObject one = SpecSearchSpace::toJson(ParamValues{{s.param, v}}, {{s.param, s.distribution}});
        a.append(one.value(QString::fromStdString(s.param)));
    }
    return a;
}

QJsonObject explain(const FrozenTrial& trial, const SurrogateRebuild& r)
{
    const GPSnapshot& snap = r.snapshot();
    const auto dists = r.distributions();
    QJsonObject o;
    o.insert("trial", trial.number);
    o.insert("sampler_method", methodOf(trial));
    o.insert("acquisition", QString::fromStdString(snap.acquisition));
    o.insert("point", SpecSearchSpace::toJson(r.decode(r.point()), dists));
    o.insert("point_acquisition", JsonNumber::toJson(r.acquisition(r.point())));
    o.insert("trust_region", !snap.boxLow.empty());
    QJsonArray slices;
    for (const SurrogateSlice& s : r.slices()) {
        QJsonObject slice{{"param", QString::fromStdString(s.param)},
                          {"x", xs(s)},
                          {"mean", numbers(s.mean)},
                          {"std", numbers(s.std)},
                          {"acquisition", numbers(s.acquisition)}};
        if (s.region)
            slice.insert("region", QJsonArray{s.region->first, s.region->second});
        slices.append(slice);
    }
    o.insert("slices", slices);
    QJsonArray candidates;
    for (const auto& c : snap.candidates)
        candidates.append(QJsonObject{
            {"params", SpecSearchSpace::toJson(r.decode(SurrogateRebuild::toEigen(c.x)), dists)},
            {"acquisition", JsonNumber::toJson(c.acquisition)},
            {"source", QString::fromStdString(c.source)}});
    o.insert("candidates", candidates);
    o.insert("candidates_considered", snap.candidatesConsidered);
    QJsonArray observed;
    for (const auto& ob : r.observed()) {
        QJsonObject e{{"number", ob.number},
                      {"params", SpecSearchSpace::toJson(ob.params, dists)},
                      {"value", ob.value ? JsonNumber::toJson(*ob.value) : QJsonValue()},
                      {"target", JsonNumber::toJson(ob.target)}};
        if (ob.pending)
            e.insert("pending", true);
        observed.append(e);
    }
    o.insert("observed", observed);
    return o;
}

QString table(const QJsonObject& o)
{
    QString out;
    QTextStream s(&out);
    s << "Trial " << o["trial"].toInt() << ": suggested by " << o["sampler_method"].toString()
      << ", maximizing " << o["acquisition"].toString()
      << (o["trust_region"].toBool() ? " inside the trust region" : " over the whole space")
      << " (" << o["candidates_considered"].toInt() << " candidates scored, fitted on "
      << o["observed"].toArray().size() << " trials)\n";
    s << "Chosen point (acquisition " << o["point_acquisition"].toDouble() << "):\n";
    const QJsonObject point = o["point"].toObject();
    for (const QJsonValue& sv : o["slices"].toArray()) {
        const QJsonObject sl = sv.toObject();
        const QJsonArray x = sl["x"].toArray();
        const QJsonArray acq = sl["acquisition"].toArray();
        const QJsonArray mean = sl["mean"].toArray();
        const QJsonArray sd = sl["std"].toArray();
        int best = 0;
        for (int i = 1; i < acq.size(); ++i)
            if (acq[i].toDouble() > acq[best].toDouble())
                best = i;
        const QString name = sl["param"].toString();
        const QJsonValue at = point.value(name);
        s << "  " << name << " = " << (at.isString() ? at.toString() : QString::number(at.toDouble(), 'g', 6))
          << "  (along it: the acquisition peaks at "
          << (x[best].isString() ? x[best].toString() : QString::number(x[best].toDouble(), 'g', 6))
          << ", mean there " << QString::number(mean[best].toDouble(), 'f', 3) << " ± "
          << QString::number(2 * sd[best].toDouble(), 'f', 3) << ")\n";
    }
    const QJsonArray cands = o["candidates"].toArray();
    s << "Other candidates, best first (" << cands.size() << " kept):\n";
    for (int i = 0; i < std::min<int>(5, cands.size()); ++i) {
        const QJsonObject c = cands[i].toObject();
        s << "  " << QString::number(c["acquisition"].toDouble(), 'g', 6) << "  "
          << QJsonDocument(c["params"].toObject()).toJson(QJsonDocument::Compact) << "\n";
    }
    return out;
}

int run(const QStringList& raw)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    CliArgs args(raw, {"storage", "study", "trial", "format"});
    if (args.wantsHelp()) {
        out << kUsage;
        return ExitOk;
    }
    const auto number = args.intValue("trial", 0);
    const QString format = args.value("format", "table");
    QString problem;
    if (!args.ok())
        problem = args.error();
    else if (!args.positionals().isEmpty())
        problem = QString("unexpected argument \"%1\"").arg(args.positionals().first());
    else if (!args.has("trial") || !number)
        problem = QStringLiteral("--trial N is required (the trial's number, as `trials` lists it)");
    else if (format != "table" && format != "json")
        problem = QString("--format: expected table or json, got \"%1\"").arg(format);
    if (!problem.isEmpty()) {
        err << "tunewright-cli explain: " << problem << "\n\n" << kUsage;
        return ExitBadInput;
    }
    try {
        auto storage = StorageOpener::open(args.value("storage"));
        const StudyRecord study = StudySession::findStudy(*storage, args.value("study"));
        const std::vector<FrozenTrial> trials = storage->trials(study.id);
        const auto it = std::find_if(trials.begin(), trials.end(),
                                     [&](const FrozenTrial& t) { return t.number == *number; });
        const QString where = QString("study '%1'").arg(QString::fromStdString(study.name));
        if (it == trials.end()) {
            err << "tunewright-cli explain: " << where << " has no trial " << *number << " (it has "
                << trials.size() << " trials, numbered from 0)\n";
            return ExitBadInput;
        }
        QString why;
        if (const auto tpe = it->systemAttrs.find(TPESnapshot::kAttr); tpe != it->systemAttrs.end()) {
            auto snapshot = TPESnapshotJson::parse(tpe->second, &why);
            if (!snapshot) {
                err << "tunewright-cli explain: " << where << ", trial " << *number << ": " << why << "\n";
                return ExitBadInput;
            }
            const ParzenRebuild rebuilt(std::move(*snapshot), *it, trials);
            const QJsonObject o = TpeExplanation::json(*it, methodOf(*it), rebuilt);
            out << (format == "json" ? QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented))
                                     : TpeExplanation::table(o));
            return ExitOk;
        }
        const auto attr = it->systemAttrs.find(GPSnapshot::kAttr);
        if (attr == it->systemAttrs.end()) {
            const QString method = methodOf(*it);
            err << "tunewright-cli explain: " << where << ", trial " << *number << " was suggested by "
                << (method.isEmpty() ? QStringLiteral("a sampler that records no method") : method)
                << " and has no snapshot; explanations exist for trials the GP or the TPE sampler "
                   "suggested (sampler \"gp\" or \"tpe\", or \"auto\" when it used one of them)\n";
            return ExitBadInput;
        }
        auto snapshot = GPSnapshotJson::parse(attr->second, &why);
        if (!snapshot) {
            err << "tunewright-cli explain: " << where << ", trial " << *number << ": " << why << "\n";
            return ExitBadInput;
        }
        const SurrogateRebuild rebuilt(std::move(*snapshot), trials);
        const QJsonObject o = explain(*it, rebuilt);
        if (format == "json")
            out << QJsonDocument(o).toJson(QJsonDocument::Indented);
        else
            out << table(o);
        return ExitOk;
    } catch (const SessionError& e) {
        err << "tunewright-cli explain: " << e.what() << "\n";
    } catch (const StorageError& e) {
        err << "tunewright-cli explain: " << e.what() << "\n";
    } catch (const std::invalid_argument& e) {
        err << "tunewright-cli explain: cannot rebuild the sampler's model: " << e.what() << "\n";
    }
    return ExitBadInput;
}

const CliCommand::Registrar registrar({"explain", "why the GP or TPE sampler suggested a trial (its model then)", run});

} // namespace

} // namespace tw::cli
