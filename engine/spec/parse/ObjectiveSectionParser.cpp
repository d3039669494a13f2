#include "spec/parse/ObjectiveSectionParser.h"
#include "spec/ArgvTemplate.h"
#include "spec/SpecError.h"
#include "spec/SpecReader.h"
#include "spec/parse/DatasetSectionParser.h"
#include "spec/parse/ModelSectionParser.h"
#include "spec/parse/SpecParseSupport.h"
#include "spec/parse/TrainingSectionParser.h"

#include <algorithm>
#include <climits>
#include <optional>

namespace tw::specparse {

using Kind = SpecError::Kind;
using R = SpecReader;

ObjectiveSpec ObjectiveSectionParser::parse(const QJsonValue& v, const JsonPath& path,
                                            const QString& studyMetric) {
    const R r(v, path);
    ObjectiveSpec o;
    o.json = r.object();
    o.type =
        r.choice<ObjectiveSpec::Type>(S("type"), {{S("train"), ObjectiveSpec::Type::Train},
                                                  {S("command"), ObjectiveSpec::Type::Command},
                                                  {S("function"), ObjectiveSpec::Type::Function}});
    switch (o.type) {
    case ObjectiveSpec::Type::Train:
        r.allowOnly({S("type"), S("dataset"), S("model"), S("training"), S("cv_folds")},
                    S("for a train objective"));
        o.dataset = DatasetSectionParser::parse(r.child(S("dataset")));
        if (r.has(S("model")))
            o.model = ModelSectionParser::parse(r.child(S("model")));
        if (o.model.type == ModelSpec::Type::Cnn && !o.dataset.knownImageShape())
            throw SpecError(
                r.at(S("model")).key(S("type")),
                QStringLiteral("\"cnn\" needs images, but %1 has no image shape; for a CSV of pixel "
                               "columns add \"image_shape\": [channels, height, width] to "
                               "objective.dataset (builtin:digits and builtin:fashion_mnist have theirs)")
                    .arg(o.dataset.source),
                Kind::BadValue);
        if (o.model.type == ModelSpec::Type::Cnn)
            ModelSectionParser::checkConvShapes(o.model, *o.dataset.knownImageShape(), r.at(S("model")).key(S("conv")));
        if (r.has(S("training")))
            o.training = TrainingSectionParser::parse(r.child(S("training")), studyMetric);
        o.cvFolds = toInt(r, S("cv_folds"), 0, NumberRange::atLeast(0));
        if (o.cvFolds == 1)
            throw SpecError(r.at(S("cv_folds")),
                            S("expected 0 (no cross-validation) or an integer >= 2, got 1"),
                            Kind::BadValue);
        break;
    case ObjectiveSpec::Type::Command: {
        r.allowOnly({S("type"), S("argv"), S("workdir"), S("timeout_s"), S("prune_grace_s"), S("env")},
                    S("for a command objective"));
        const QJsonArray argv = r.array(S("argv"));
        if (argv.isEmpty())
            throw SpecError(r.at(S("argv")), S("expected a non-empty array of strings, got []"),
                            Kind::BadValue);
        for (qsizetype i = 0; i < argv.size(); ++i) {
            const QString arg = R::toString(argv.at(i), r.at(S("argv")).index(i));
            QString err;
            if (!ArgvTemplate::placeholders(arg, &err))
                throw SpecError(r.at(S("argv")).index(i), err, Kind::BadValue);
            o.command.argv << arg;
        }
        if (o.command.argv.first().isEmpty())
            throw SpecError(r.at(S("argv")).index(0), S("expected the program to run, got \"\""),
                            Kind::BadValue);
        o.command.workdir = r.string(S("workdir"), o.command.workdir);
        if (o.command.workdir.isEmpty())
            throw SpecError(r.at(S("workdir")), S("expected a folder, got \"\""), Kind::BadValue);
        o.command.timeoutS = r.number(S("timeout_s"), 0.0, NumberRange::atLeast(0));
        o.command.pruneGraceS = r.number(S("prune_grace_s"), 0.0, NumberRange::atLeast(0));
        if (r.has(S("env"))) {
            const R env = r.child(S("env"));
            const QStringList reserved = {S("TW_PARAMS"), S("TW_TRIAL_ID"), S("TW_STUDY"),
                                          S("TW_TRIAL_DIR"), S("TW_PRUNE_FILE")};
            for (auto it = env.object().begin(); it != env.object().end(); ++it) {
                if (it.key().isEmpty() || it.key().contains(u'='))
                    throw SpecError(env.at(it.key()), S("not a valid environment variable name"),
                                    Kind::BadValue);
                if (reserved.contains(it.key()))
                    throw SpecError(env.at(it.key()),
                                    S("set by Tunewright for every trial; choose another name"),
                                    Kind::BadValue);
                o.command.env.insert(it.key(), R::toString(it.value(), env.at(it.key())));
            }
        }
        break;
    }
    case ObjectiveSpec::Type::Function: {
        r.allowOnly({S("type"), S("name"), S("dim")}, S("for a function objective"));
        QStringList names;
        for (const auto& k : FunctionObjectiveSpec::known())
            names << k.name;
        const QJsonValue nv = r.value(S("name"));
        const QString written = r.string(S("name"));
        // A trailing number is the dimension, as in the function registry: "ackley5".
        QString base = written;
        while (!base.isEmpty() && base.back().isDigit())
            base.chop(1);
        const auto find = [](const QString& n) {
            return std::find_if(FunctionObjectiveSpec::known().begin(),
                                FunctionObjectiveSpec::known().end(),
                                [&](const auto& k) { return k.name == n; });
        };
        auto it = find(written);
        std::optional<int> nameDim;
        if (it == FunctionObjectiveSpec::known().end() && !base.isEmpty() && base != written) {
            it = find(base);
            if (it != FunctionObjectiveSpec::known().end() && it->fixedDim == 0) {
                bool ok = false;
                const int d = written.mid(base.size()).toInt(&ok);
                nameDim = ok ? d : INT_MAX;
            } else {
                it = FunctionObjectiveSpec::known().end();
            }
        }
        if (it == FunctionObjectiveSpec::known().end())
            throw SpecError(r.at(S("name")),
                            QStringLiteral("expected one of %1 (a free dimension may follow the "
                                           "name, as in ackley5), got %2")
                                .arg(R::oneOf(names), R::got(nv)),
                            Kind::BadValue);
        o.function.name = it->name;
        if (it->fixedDim > 0) {
            o.function.dim = toInt(r, S("dim"), it->fixedDim, NumberRange::atLeast(1));
            if (o.function.dim != it->fixedDim)
                throw SpecError(r.at(S("dim")),
                                QStringLiteral("%1 has dimension %2, got %3")
                                    .arg(o.function.name)
                                    .arg(it->fixedDim)
                                    .arg(o.function.dim),
                                Kind::BadValue);
        } else {
            const NumberRange range = NumberRange::closed(it->minDim, 1000);
            if (nameDim && !range.contains(*nameDim))
                throw SpecError(r.at(S("name")),
                                QStringLiteral("%1 takes a dimension in [%2, 1000], got %3")
                                    .arg(it->name)
                                    .arg(it->minDim)
                                    .arg(*nameDim),
                                Kind::BadValue);
            o.function.dim = toInt(r, S("dim"), nameDim.value_or(2), range);
            if (nameDim && o.function.dim != *nameDim)
                throw SpecError(r.at(S("dim")),
                                QStringLiteral("\"%1\" names dimension %2, got %3")
                                    .arg(written)
                                    .arg(*nameDim)
                                    .arg(o.function.dim),
                                Kind::BadValue);
        }
        break;
    }
    }
    return o;
}

} // namespace tw::specparse
