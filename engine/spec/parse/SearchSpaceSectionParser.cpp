#include "spec/parse/SearchSpaceSectionParser.h"
#include "spec/ArgvTemplate.h"
#include "spec/CanonicalJson.h"
#include "spec/ParamsJson.h"
#include "spec/SpecError.h"
#include "spec/SpecSearchSpace.h"
#include "spec/parse/ObjectiveSectionParser.h"
#include "spec/parse/SpecParseSupport.h"

#include <QHash>

#include <cmath>

namespace tw::specparse {

using Kind = SpecError::Kind;
using R = SpecReader;

namespace {

ParamSpecJson parseParam(const QString& name, const QJsonValue& v, const JsonPath& path) {
    const R r(v, path);
    ParamSpecJson p;
    p.name = name;
    p.json = r.object();
    using K = Distribution::Kind;
    p.kind = r.choice<K>(S("type"), {{S("float"), K::Float},
                                     {S("int"), K::Int},
                                     {S("categorical"), K::Categorical},
                                     {S("fixed"), K::Fixed}});
    switch (p.kind) {
    case K::Float:
        r.allowOnly(
            {S("type"), S("low"), S("high"), S("log"), S("step"), S("resolution"), S("condition")},
            S("for a float parameter"));
        p.low = r.number(S("low"));
        p.high = r.number(S("high"));
        p.log = r.boolean(S("log"), false);
        p.step = r.number(S("step"), 0.0, NumberRange::greaterThan(0));
        p.resolution = toInt(r, S("resolution"), 0, NumberRange::atLeast(2));
        break;
    case K::Int:
        r.allowOnly({S("type"), S("low"), S("high"), S("step"), S("log"), S("condition")},
                    S("for an int parameter"));
        p.low = static_cast<double>(r.integer(S("low")));
        p.high = static_cast<double>(r.integer(S("high")));
        p.step = static_cast<double>(r.integer(S("step"), 1, NumberRange::atLeast(1)));
        p.log = r.boolean(S("log"), false);
        break;
    case K::Categorical: {
        r.allowOnly({S("type"), S("choices"), S("condition")}, S("for a categorical parameter"));
        p.choices = r.array(S("choices"));
        if (p.choices.isEmpty())
            throw SpecError(r.at(S("choices")), S("expected at least one choice, got []"),
                            Kind::BadValue);
        // Distinct in canonical form (1 and 1.0 are the same choice). A hash of the canonical
        // text keeps this linear: a pairwise check took minutes for 80k choices (#13).
        QHash<QString, qsizetype> seen;
        seen.reserve(p.choices.size());
        for (qsizetype i = 0; i < p.choices.size(); ++i) {
            const QString text = CanonicalJson::write(p.choices.at(i));
            const auto it = seen.constFind(text);
            if (it != seen.constEnd())
                throw SpecError(
                    r.at(S("choices")).index(i),
                    QStringLiteral("repeats choices[%1]; choices must be distinct").arg(*it),
                    Kind::BadValue);
            seen.insert(text, i);
        }
        break;
    }
    case K::Fixed:
        r.allowOnly({S("type"), S("value"), S("condition")}, S("for a fixed parameter"));
        if (!r.object().contains(S("value")))
            r.require(S("value"));
        p.value = r.value(S("value"));
        break;
    }
    if (r.has(S("condition"))) {
        const R c = r.child(S("condition"));
        c.allowOnly({S("param"), S("in"), S("not_in")});
        ParamSpecJson::Condition cond;
        cond.param = c.string(S("param"));
        const bool in = c.has(S("in")), notIn = c.has(S("not_in"));
        if (in == notIn)
            throw SpecError(c.path(),
                            in ? S("give \"in\" or \"not_in\", not both")
                               : S("expected \"in\" or \"not_in\""),
                            in ? Kind::BadValue : Kind::MissingKey);
        cond.notIn = notIn;
        cond.values = c.array(notIn ? S("not_in") : S("in"));
        if (cond.values.isEmpty())
            throw SpecError(c.at(notIn ? S("not_in") : S("in")),
                            S("expected at least one value, got []"), Kind::BadValue);
        p.condition = cond;
    }
    return p;
}

// The values a parameter may give its key, with where each comes from: enough to show that
// every value of the domain fits the objective (both ends, a value inside, every choice).
std::vector<std::pair<QJsonValue, JsonPath>> probeValues(const ParamSpecJson& p,
                                                         const JsonPath& path) {
    std::vector<std::pair<QJsonValue, JsonPath>> out;
    switch (p.kind) {
    case Distribution::Kind::Categorical:
        for (qsizetype i = 0; i < p.choices.size(); ++i)
            out.emplace_back(p.choices.at(i), path.key(S("choices")).index(i));
        break;
    case Distribution::Kind::Fixed:
        out.emplace_back(p.value, path.key(S("value")));
        break;
    case Distribution::Kind::Int:
        out.emplace_back(QJsonValue(static_cast<qint64>(p.low)), path.key(S("low")));
        out.emplace_back(QJsonValue(static_cast<qint64>(p.high)), path.key(S("high")));
        break;
    case Distribution::Kind::Float: {
        out.emplace_back(QJsonValue(p.low), path.key(S("low")));
        out.emplace_back(QJsonValue(p.high), path.key(S("high")));
        // A value inside the range, off the integers, so a float aimed at an integer key
        // is caught. The golden section keeps it off round numbers.
        const double t = 0.3819660112501051;
        double mid = p.log ? std::exp(std::log(p.low) + t * (std::log(p.high) - std::log(p.low)))
                           : p.low + t * (p.high - p.low);
        if (p.step > 0.0)
            mid = p.low + std::round((mid - p.low) / p.step) * p.step;
        if (mid != p.low && mid != p.high)
            out.emplace_back(QJsonValue(mid), path);
        break;
    }
    }
    return out;
}

// A train objective's search-space keys are dotted paths into it: each must lead to a key
// the objective has or accepts, and every value of the domain must fit there.
void checkTrainPaths(const StudySpec& spec) {
    const QJsonObject& objective = spec.objective.json;
    for (const auto& p : spec.searchSpace.params) {
        const JsonPath ppath = JsonPath().key(S("search_space")).key(p.name);
        const QStringList keys = p.name.split(u'.');
        JsonPath target = objectivePath();
        for (const QString& k : keys) {
            if (k.isEmpty())
                throw SpecError(
                    ppath,
                    S("expected a dotted path into objective, such as training.learning_rate"),
                    Kind::BadValue);
            bool digits = !k.isEmpty() && k.size() <= 9;
            for (const QChar c : k)
                digits = digits && c.isDigit() && c.unicode() < 128;
            target = digits && target.text() != objectivePath().text() ? target.index(k.toLongLong()) : target.key(k);
        }
        if (keys.first() == QLatin1String("type"))
            throw SpecError(ppath, S("the objective's type cannot be searched"), Kind::BadValue);
        // A key into a block of a searched model.conv is probed on a choice that has it.
        QJsonObject context;
        if (const auto block = SpecSearchSpace::convBlockIndex(p.name)) {
            if (const ParamSpecJson* conv = spec.searchSpace.find(S("model.conv")))
                for (const QJsonValue& choice : conv->kind == Distribution::Kind::Categorical
                                                    ? conv->choices
                                                    : QJsonArray{conv->value})
                    if (choice.isArray() && choice.toArray().size() > *block) {
                        context.insert(S("model.conv"), choice);
                        break;
                    }
        }
        for (const auto& [value, where] : probeValues(p, ppath)) {
            QJsonObject params = context;
            params.insert(p.name, value);
            const auto applied = ParamsJson::applyToObjective(objective, params);
            if (!applied) {
                // "params[KEY]: objective.x does not exist": keep the part after the key.
                const QString err = applied.error();
                throw SpecError(ppath, err.mid(err.indexOf(S(": ")) + 2), Kind::BadValue);
            }
            try {
                ObjectiveSectionParser::parse(applied.value(), objectivePath(), spec.metric);
            } catch (const SpecError& e) {
                if (e.kind() == Kind::UnknownKey && e.path().text() == target.text())
                    throw SpecError(ppath,
                                    QStringLiteral("%1 does not exist; %2")
                                        .arg(target.toString(),
                                             e.message().mid(e.message().indexOf(S("expected")))),
                                    Kind::BadValue);
                if (where.text() == ppath.text())
                    throw SpecError(
                        ppath,
                        QStringLiteral("the value %1, between low and high, does not fit: %2")
                            .arg(CanonicalJson::brief(value), e.text()),
                        Kind::BadValue);
                throw SpecError(where, e.text(), Kind::BadValue);
            }
        }
    }
}

void checkCommandPlaceholders(const StudySpec& spec) {
    QStringList names;
    for (const auto& p : spec.searchSpace.params)
        names << p.name;
    const JsonPath argvPath = objectivePath().key(S("argv"));
    for (qsizetype i = 0; i < spec.objective.command.argv.size(); ++i) {
        const auto ph = ArgvTemplate::placeholders(spec.objective.command.argv[i]);
        for (const QString& n : *ph)
            if (!names.contains(n))
                throw SpecError(
                    argvPath.index(i),
                    names.isEmpty()
                        ? QStringLiteral("{%1} is not a parameter: search_space is empty").arg(n)
                        : QStringLiteral("{%1} is not a parameter; expected one of %2")
                              .arg(n, R::oneOf(names)),
                    Kind::BadValue);
    }
    for (const auto& p : spec.searchSpace.params)
        if (p.name.contains(u'{') || p.name.contains(u'}'))
            throw SpecError(JsonPath().key(S("search_space")).key(p.name),
                            S("a command objective's parameter name cannot hold braces"),
                            Kind::BadValue);
}

void checkFunctionParams(const StudySpec& spec) {
    QStringList names;
    for (int i = 0; i < spec.objective.function.dim; ++i)
        names << QStringLiteral("x%1").arg(i);
    for (const auto& p : spec.searchSpace.params)
        if (!names.contains(p.name))
            throw SpecError(JsonPath().key(S("search_space")).key(p.name),
                            QStringLiteral("not a parameter of %1 (dim %2); expected one of %3")
                                .arg(spec.objective.function.name)
                                .arg(spec.objective.function.dim)
                                .arg(R::oneOf(names)),
                            Kind::BadValue);
}

} // namespace

SearchSpaceSpec SearchSpaceSectionParser::parse(const R& r) {
    SearchSpaceSpec s;
    s.json = r.object();
    for (auto it = r.object().begin(); it != r.object().end(); ++it) {
        if (it.key().trimmed().isEmpty())
            throw SpecError(r.at(it.key()), S("a parameter needs a name"), Kind::BadValue);
        s.params.push_back(parseParam(it.key(), it.value(), r.at(it.key())));
    }
    return s;
}

void SearchSpaceSectionParser::checkAgainstObjective(const StudySpec& spec) {
    switch (spec.objective.type) {
    case ObjectiveSpec::Type::Train:
        checkTrainPaths(spec);
        break;
    case ObjectiveSpec::Type::Command:
        checkCommandPlaceholders(spec);
        break;
    case ObjectiveSpec::Type::Function:
        checkFunctionParams(spec);
        break;
    }
}

} // namespace tw::specparse
