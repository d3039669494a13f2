#include "spec/SpecSearchSpace.h"

#include "spec/CanonicalJson.h"
#include "spec/SpecError.h"
#include "spec/SpecReader.h"

#include <cmath>
#include <stdexcept>

namespace tw {

namespace {

JsonPath paramPath(const QString& name) {
    return JsonPath().key(QStringLiteral("search_space")).key(name);
}

std::vector<std::string> choiceTexts(const QJsonArray& choices) {
    std::vector<std::string> out;
    out.reserve(choices.size());
    for (const QJsonValue& c : choices)
        out.push_back(CanonicalJson::write(c).toStdString());
    return out;
}

} // namespace

std::optional<qsizetype> SpecSearchSpace::convBlockIndex(const QString& name) {
    const QStringList keys = name.split(u'.');
    if (keys.size() < 4 || keys[0] != QLatin1String("model") || keys[1] != QLatin1String("conv"))
        return std::nullopt;
    const QString& k = keys[2];
    if (k.isEmpty() || k.size() > 9)
        return std::nullopt;
    for (const QChar c : k)
        if (!c.isDigit() || c.unicode() > 127)
            return std::nullopt;
    return k.toLongLong();
}

Distribution SpecSearchSpace::distribution(const ParamSpecJson& p) {
    switch (p.kind) {
    case Distribution::Kind::Float:
        return Distribution::makeFloat(p.low, p.high, p.log, p.step);
    case Distribution::Kind::Int:
        return Distribution::makeInt(static_cast<long long>(p.low), static_cast<long long>(p.high),
                                     p.log, p.step > 0.0 ? static_cast<long long>(p.step) : 1);
    case Distribution::Kind::Categorical:
        return Distribution::makeCategorical(choiceTexts(p.choices));
    case Distribution::Kind::Fixed:
        return Distribution::makeFixed(CanonicalJson::write(p.value).toStdString());
    }
    return {};
}

SearchSpace SpecSearchSpace::buildOrThrow(const SearchSpaceSpec& spec) {
    SearchSpace space;
    QStringList names;
    for (const auto& p : spec.params)
        names << p.name;

    // Every domain first, so a bad parent is reported as itself rather than through a child.
    for (const auto& p : spec.params)
        if (const std::string err = distribution(p).validationError(); !err.empty())
            throw SpecError(paramPath(p.name), QString::fromStdString(err),
                            SpecError::Kind::BadValue);
    for (const auto& p : spec.params) {
        ParamSpec ps{p.name.toStdString(), distribution(p), std::nullopt};
        if (p.condition) {
            const JsonPath cpath = paramPath(p.name).key(QStringLiteral("condition"));
            const ParamSpecJson* parent = spec.find(p.condition->param);
            if (p.condition->param == p.name)
                throw SpecError(cpath.key(QStringLiteral("param")),
                                QStringLiteral("a parameter cannot depend on itself"),
                                SpecError::Kind::BadValue);
            if (!parent) {
                QStringList others = names;
                others.removeAll(p.name);
                throw SpecError(
                    cpath.key(QStringLiteral("param")),
                    QStringLiteral("\"%1\" is not a parameter of search_space; expected one of %2")
                        .arg(p.condition->param, SpecReader::oneOf(others)),
                    SpecError::Kind::BadValue);
            }
            const Distribution pd = distribution(*parent);
            ParamCondition cond;
            cond.parent = parent->name.toStdString();
            cond.notIn = p.condition->notIn;
            const JsonPath vpath =
                cpath.key(p.condition->notIn ? QStringLiteral("not_in") : QStringLiteral("in"));
            for (qsizetype i = 0; i < p.condition->values.size(); ++i) {
                const QJsonValue v = p.condition->values.at(i);
                const auto internal = internalOf(v, pd);
                if (!internal) {
                    const bool listed = pd.kind() == Distribution::Kind::Categorical ||
                                        pd.kind() == Distribution::Kind::Fixed;
                    throw SpecError(vpath.index(i),
                                    listed
                                        ? QStringLiteral("%1 is not one of the choices of \"%2\"")
                                              .arg(CanonicalJson::brief(v), parent->name)
                                        : QStringLiteral("%1 is not a value that \"%2\" can take")
                                              .arg(CanonicalJson::brief(v), parent->name),
                                    SpecError::Kind::BadValue);
                }
                cond.values.push_back(*internal);
            }
            ps.condition = cond;
        }
        const auto block = convBlockIndex(p.name);
        const ParamSpecJson* conv = spec.find(QStringLiteral("model.conv"));
        if (block && conv && conv->kind == Distribution::Kind::Categorical) {
            // Active for the choices of model.conv that have the block.
            std::vector<double> having;
            for (qsizetype i = 0; i < conv->choices.size(); ++i) {
                const QJsonValue c = conv->choices.at(i);
                if (c.isArray() && c.toArray().size() > *block)
                    having.push_back(static_cast<double>(i));
            }
            const JsonPath ppath = paramPath(p.name);
            if (having.empty())
                throw SpecError(ppath,
                                QStringLiteral("no choice of search_space[\"model.conv\"] has a "
                                               "block [%1]; each has fewer blocks")
                                    .arg(*block),
                                SpecError::Kind::BadValue);
            if (ps.condition && ps.condition->parent != "model.conv")
                throw SpecError(ppath.key(QStringLiteral("condition")).key(QStringLiteral("param")),
                                QStringLiteral("a key into a block of the searched model.conv is "
                                               "conditional on model.conv already; its condition "
                                               "can only be on \"model.conv\", got \"%1\"")
                                    .arg(QString::fromStdString(ps.condition->parent)),
                                SpecError::Kind::BadValue);
            if (ps.condition) {
                // Both: the choices that have the block and meet the condition.
                std::vector<double> both;
                for (double v : having)
                    if (ps.condition->satisfiedBy(v))
                        both.push_back(v);
                if (both.empty())
                    throw SpecError(ppath.key(QStringLiteral("condition")),
                                    QStringLiteral("no choice of model.conv both meets the "
                                                   "condition and has a block [%1]")
                                        .arg(*block),
                                    SpecError::Kind::BadValue);
                having = both;
            }
            if (having.size() < static_cast<size_t>(conv->choices.size()) || ps.condition)
                ps.condition = ParamCondition{"model.conv", having, false};
        }
        space.add(std::move(ps));
    }
    const std::string err = space.validate();
    if (!err.empty()) {
        // SearchSpace::validate() says "NAME: why"; put the name back as a JSON path.
        const QString msg = QString::fromStdString(err);
        QString best;
        for (const QString& n : names)
            if (msg.startsWith(n + QStringLiteral(": ")) && n.size() > best.size())
                best = n;
        if (!best.isEmpty())
            throw SpecError(paramPath(best), msg.mid(best.size() + 2), SpecError::Kind::BadValue);
        throw SpecError(JsonPath().key(QStringLiteral("search_space")), msg,
                        SpecError::Kind::BadValue);
    }
    return space;
}

ParseResult<SearchSpace> SpecSearchSpace::build(const SearchSpaceSpec& spec) {
    try {
        return buildOrThrow(spec);
    } catch (const SpecError& e) {
        return ParseResult<SearchSpace>::failure(e.text());
    }
}

QJsonValue SpecSearchSpace::toJsonValue(double internal, const Distribution& dist) {
    switch (dist.kind()) {
    case Distribution::Kind::Float:
        return QJsonValue(internal);
    case Distribution::Kind::Int:
        return QJsonValue(static_cast<qint64>(std::llround(internal)));
    case Distribution::Kind::Categorical:
    case Distribution::Kind::Fixed:
        break;
    }
    const double idx = std::round(internal);
    if (!std::isfinite(internal) || idx < 0.0 || idx >= static_cast<double>(dist.choiceCount()))
        throw std::out_of_range("SpecSearchSpace::toJsonValue(): choice index " +
                                std::to_string(internal) + " is outside the " +
                                std::to_string(dist.choiceCount()) + " choices");
    const auto v =
        CanonicalJson::parseValue(QString::fromStdString(dist.choices()[static_cast<size_t>(idx)]));
    if (!v)
        throw std::invalid_argument("SpecSearchSpace::toJsonValue(): a choice is not JSON text: " +
                                    dist.choices()[static_cast<size_t>(idx)]);
    return *v;
}

std::optional<double> SpecSearchSpace::internalOf(const QJsonValue& value,
                                                  const Distribution& dist) {
    switch (dist.kind()) {
    case Distribution::Kind::Float:
    case Distribution::Kind::Int: {
        if (!value.isDouble())
            return std::nullopt;
        const double d = value.toDouble();
        if (dist.kind() == Distribution::Kind::Int && d != std::floor(d))
            return std::nullopt;
        if (!dist.contains(d))
            return std::nullopt;
        return d;
    }
    case Distribution::Kind::Categorical:
    case Distribution::Kind::Fixed:
        break;
    }
    const std::string text = CanonicalJson::write(value).toStdString();
    for (int i = 0; i < dist.choiceCount(); ++i)
        if (dist.choices()[static_cast<size_t>(i)] == text)
            return static_cast<double>(i);
    return std::nullopt;
}

QJsonObject SpecSearchSpace::toJson(const ParamValues& values,
                                    const std::map<std::string, Distribution>& distributions) {
    QJsonObject out;
    for (const auto& [name, internal] : values) {
        auto it = distributions.find(name);
        if (it == distributions.end())
            continue;
        out.insert(QString::fromStdString(name), toJsonValue(internal, it->second));
    }
    return out;
}

QJsonObject SpecSearchSpace::toJson(const ParamValues& values, const SearchSpace& space) {
    std::map<std::string, Distribution> dists;
    for (const auto& p : space.params())
        dists.emplace(p.name, p.distribution);
    return toJson(values, dists);
}

ParseResult<ParamValues> SpecSearchSpace::fromJson(const QJsonObject& params,
                                                   const SearchSpace& space) {
    ParamValues out;
    for (auto it = params.begin(); it != params.end(); ++it) {
        const JsonPath path = JsonPath().key(it.key());
        const ParamSpec* p = space.find(it.key().toStdString());
        if (!p) {
            QStringList names;
            for (const auto& q : space.params())
                names << QString::fromStdString(q.name);
            return ParseResult<ParamValues>::failure(
                QStringLiteral("%1: not a parameter of the search space; expected one of %2")
                    .arg(path.toString(), SpecReader::oneOf(names)));
        }
        const auto internal = internalOf(it.value(), p->distribution);
        if (!internal)
            return ParseResult<ParamValues>::failure(
                QStringLiteral("%1: %2 is not in the parameter's domain")
                    .arg(path.toString(), CanonicalJson::brief(it.value())));
        out[p->name] = *internal;
    }
    return out;
}

std::map<std::string, int> SpecSearchSpace::gridResolutions(const SearchSpaceSpec& spec,
                                                            const SamplerSpec& sampler) {
    std::map<std::string, int> out;
    for (const auto& p : spec.params) {
        if (p.kind != Distribution::Kind::Float || p.step > 0.0)
            continue;
        const int r = p.resolution > 0 ? p.resolution : sampler.resolution;
        if (r > 0)
            out[p.name.toStdString()] = r;
    }
    return out;
}

} // namespace tw
