#include "TpeExplanation.h"

#include "io/JsonNumber.h"
#include "spec/SpecSearchSpace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

#include <algorithm>

namespace tw::cli {

namespace {

QJsonArray numbers(const std::vector<double>& v)
{
    QJsonArray a;
    for (double x : v)
        a.append(JsonNumber::toJson(x));
    return a;
}

QJsonArray integers(const std::vector<int>& v)
{
    QJsonArray a;
    for (int x : v)
        a.append(x);
    return a;
}

// A draw's values (in its parameter order) as the user's.
QJsonObject params(const std::vector<std::string>& names, const std::vector<Distribution>& dims,
                   const std::vector<double>& x)
{
    QJsonObject o;
    for (std::size_t j = 0; j < names.size(); ++j)
        o.insert(QString::fromStdString(names[j]), SpecSearchSpace::toJsonValue(dims[j].snap(x[j]), dims[j]));
    return o;
}

QJsonArray observations(const std::vector<int>& numbers, const std::vector<double>& x, const Distribution& d)
{
    QJsonArray a;
    for (std::size_t i = 0; i < numbers.size(); ++i)
        a.append(QJsonObject{{"number", numbers[i]}, {"value", SpecSearchSpace::toJsonValue(x[i], d)}});
    return a;
}

QString shown(const QJsonValue& v)
{
    return v.isString() ? v.toString()
           : v.isDouble() ? QString::number(v.toDouble(), 'g', 6)
                          : QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

QString numberList(const QJsonArray& a, int most)
{
    QStringList parts;
    for (int i = 0; i < std::min<int>(most, a.size()); ++i)
        parts << "#" + QString::number(a[i].toInt());
    if (a.size() > most)
        parts << QString("... (%1 more)").arg(a.size() - most);
    return parts.join(", ");
}

} // namespace

QJsonObject TpeExplanation::json(const FrozenTrial& trial, const QString& method, const ParzenRebuild& r)
{
    const TPESnapshot& snap = r.snapshot();
    const auto dists = r.distributions();
    QJsonObject o;
    o.insert("trial", trial.number);
    o.insert("sampler_method", method);
    o.insert("point", SpecSearchSpace::toJson(r.point(), dists));
    o.insert("score", JsonNumber::toJson(r.scoreAt(r.point())));
    o.insert("gamma", QJsonObject{{"fraction", snap.gammaFraction}, {"cap", snap.gammaCap}});
    // The draws' streams: (seed, trial number, attempt, the parameter's name or the joint tag).
    o.insert("seed", QString::number(snap.seed));
    o.insert("attempt", snap.attempt);
    QJsonArray draws;
    for (int g = 0; g < r.groupCount(); ++g) {
        const TPESnapshot::Group& sg = snap.groups[static_cast<std::size_t>(g)];
        const TPESnapshot::Split& split = snap.splits[static_cast<std::size_t>(sg.split)];
        QJsonArray names;
        for (const auto& n : sg.params)
            names.append(QString::fromStdString(n));
        QJsonArray candidates;
        for (const auto& c : sg.candidates)
            candidates.append(QJsonObject{{"params", params(sg.params, r.dims(g), c.x)},
                                          {"score", JsonNumber::toJson(r.score(g, c.x))}});
        draws.append(QJsonObject{{"params", names},
                                 {"multivariate", sg.multivariate},
                                 {"n", split.counted},
                                 {"below", integers(r.belowNumbers(g))},
                                 {"above", integers(r.aboveNumbers(g))},
                                 {"running", integers(split.running)},
                                 {"candidates_drawn", sg.candidatesDrawn},
                                 {"point", params(sg.params, r.dims(g), sg.point)},
                                 {"log_l", JsonNumber::toJson(r.logL(g, sg.point))},
                                 {"log_g", JsonNumber::toJson(r.logG(g, sg.point))},
                                 {"score", JsonNumber::toJson(r.score(g, sg.point))},
                                 {"candidates", candidates}});
    }
    o.insert("draws", draws);
    QJsonArray slices;
    for (const ParzenSlice& s : r.slices()) {
        QJsonArray x;
        for (double v : s.x)
            x.append(SpecSearchSpace::toJsonValue(v, s.distribution));
        slices.append(QJsonObject{{"param", QString::fromStdString(s.param)},
                                  {"draw", s.group},
                                  {"x", x},
                                  {"l", numbers(s.l)},
                                  {"g", numbers(s.g)},
                                  {"ratio", numbers(s.ratio)},
                                  {"point", SpecSearchSpace::toJsonValue(s.pointX, s.distribution)},
                                  {"below", observations(s.belowNumbers, s.belowX, s.distribution)},
                                  {"above", observations(s.aboveNumbers, s.aboveX, s.distribution)}});
    }
    o.insert("slices", slices);
    return o;
}

QString TpeExplanation::table(const QJsonObject& o)
{
    QString out;
    QTextStream s(&out);
    const QJsonArray draws = o["draws"].toArray();
    const bool joint = std::any_of(draws.begin(), draws.end(), [](const QJsonValue& d) {
        return d.toObject()["multivariate"].toBool();
    });
    s << "Trial " << o["trial"].toInt() << ": suggested by " << o["sampler_method"].toString() << ", "
      << draws.size() << (draws.size() == 1 ? " draw" : " draws") << (joint ? " (one joint)" : "")
      << " from l(x), each the candidate with the largest log l(x) - log g(x); score "
      << QString::number(o["score"].toDouble(), 'g', 6) << "\n";
    const QJsonObject point = o["point"].toObject();
    for (const QJsonValue& dv : draws) {
        const QJsonObject d = dv.toObject();
        const QJsonArray names = d["params"].toArray();
        QStringList at;
        for (const QJsonValue& n : names)
            at << n.toString() + " = " + shown(point.value(n.toString()));
        s << "  " << at.join(", ") << "  (score " << QString::number(d["score"].toDouble(), 'g', 6)
          << ": log l " << QString::number(d["log_l"].toDouble(), 'g', 4) << ", log g "
          << QString::number(d["log_g"].toDouble(), 'g', 4) << "; best of " << d["candidates_drawn"].toInt()
          << " candidates";
        const QJsonArray cands = d["candidates"].toArray();
        if (!cands.isEmpty()) {
            const QJsonObject next = cands[0].toObject();
            QStringList values;
            for (const QJsonValue& n : names)
                values << shown(next["params"].toObject().value(n.toString()));
            s << ", next " << QString::number(next["score"].toDouble(), 'g', 6) << " at " << values.join(", ");
        }
        s << ")\n";
        s << "    l(x) from " << d["below"].toArray().size() << " of n = " << d["n"].toInt() << " trials: "
          << numberList(d["below"].toArray(), 10) << "; g(x) from " << d["above"].toArray().size() << " trials";
        if (!d["running"].toArray().isEmpty())
            s << " (" << d["running"].toArray().size() << " running)";
        s << "\n";
    }
    return out;
}

} // namespace tw::cli
