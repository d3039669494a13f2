#include "spec/parse/DatasetSectionParser.h"
#include "spec/CanonicalJson.h"
#include "spec/SpecError.h"
#include "spec/parse/SpecParseSupport.h"

namespace tw::specparse {

using Kind = SpecError::Kind;
using R = SpecReader;

namespace {

AugmentSpec parseAugment(const QJsonValue& v, const JsonPath& path) {
    const R r(v, path);
    AugmentSpec a;
    a.type = r.choice<AugmentSpec::Type>(S("type"),
                                         {{S("gaussian_noise"), AugmentSpec::Type::GaussianNoise},
                                          {S("mixup"), AugmentSpec::Type::Mixup},
                                          {S("shift"), AugmentSpec::Type::Shift},
                                          {S("crop"), AugmentSpec::Type::Crop},
                                          {S("horizontal_flip"), AugmentSpec::Type::HorizontalFlip},
                                          {S("random_erasing"), AugmentSpec::Type::RandomErasing}});
    const QString type = r.value(S("type")).toString();
    const QString ctx = QStringLiteral("for the %1 augmentation").arg(type);
    switch (a.type) {
    case AugmentSpec::Type::GaussianNoise:
        r.allowOnly({S("type"), S("std")}, ctx);
        a.std = r.number(S("std"), a.std, NumberRange::greaterThan(0));
        break;
    case AugmentSpec::Type::Mixup:
        r.allowOnly({S("type"), S("alpha")}, ctx);
        a.alpha = r.number(S("alpha"), a.alpha, NumberRange::greaterThan(0));
        break;
    case AugmentSpec::Type::Shift:
        r.allowOnly({S("type"), S("max_shift")}, ctx);
        a.maxShift = toInt(r, S("max_shift"), a.maxShift, NumberRange::atLeast(1));
        break;
    case AugmentSpec::Type::Crop:
        r.allowOnly({S("type"), S("padding")}, ctx);
        a.padding = toInt(r, S("padding"), a.padding, NumberRange::atLeast(1));
        break;
    case AugmentSpec::Type::HorizontalFlip:
        r.allowOnly({S("type"), S("probability")}, ctx);
        a.probability = r.number(S("probability"), a.probability, NumberRange::closed(0, 1));
        break;
    case AugmentSpec::Type::RandomErasing:
        r.allowOnly({S("type"), S("probability"), S("max_area")}, ctx);
        a.probability = r.number(S("probability"), a.probability, NumberRange::closed(0, 1));
        a.maxArea = r.number(S("max_area"), a.maxArea, NumberRange::leftOpen(0, 1));
        break;
    }
    return a;
}

void parseSource(const R& r, DatasetSpec& d) {
    const JsonPath path = r.at(S("source"));
    const QJsonValue v = r.value(S("source"));
    d.source = r.string(S("source"));
    const qsizetype colon = d.source.indexOf(u':');
    const QString scheme = colon < 0 ? QString() : d.source.left(colon);
    const QString rest = colon < 0 ? QString() : d.source.mid(colon + 1);
    auto listWith = [](const QString& prefix, const QStringList& names) {
        QStringList out;
        for (const QString& n : names)
            out << prefix + n;
        return R::oneOf(out);
    };
    if (scheme == QLatin1String("builtin")) {
        if (!DatasetSpec::builtinNames().contains(rest))
            throw SpecError(
                path,
                QStringLiteral("expected one of %1, got %2")
                    .arg(listWith(S("builtin:"), DatasetSpec::builtinNames()), R::got(v)),
                Kind::BadValue);
        d.sourceKind = DatasetSpec::SourceKind::Builtin;
    } else if (scheme == QLatin1String("synthetic")) {
        if (!DatasetSpec::syntheticKinds().contains(rest))
            throw SpecError(
                path,
                QStringLiteral("expected one of %1, got %2")
                    .arg(listWith(S("synthetic:"), DatasetSpec::syntheticKinds()), R::got(v)),
                Kind::BadValue);
        d.sourceKind = DatasetSpec::SourceKind::Synthetic;
    } else if (scheme == QLatin1String("csv")) {
        if (rest.trimmed().isEmpty())
            throw SpecError(
                path, QStringLiteral("expected csv:PATH with a file path, got %1").arg(R::got(v)),
                Kind::BadValue);
        d.sourceKind = DatasetSpec::SourceKind::Csv;
    } else {
        throw SpecError(path,
                        QStringLiteral("expected builtin:NAME, csv:PATH or synthetic:KIND, got %1")
                            .arg(R::got(v)),
                        Kind::BadValue);
    }
    d.sourceName = rest;
}

SyntheticSpec parseSynthetic(const R& r, const QString& kind) {
    SyntheticSpec s;
    r.allowOnly(
        {S("n_samples"), S("noise"), S("n_classes"), S("n_features"), S("factor"), S("seed")});
    s.samples = toInt(r, S("n_samples"), s.samples, NumberRange::atLeast(2));
    s.noise = r.number(S("noise"), s.noise, NumberRange::atLeast(0));
    s.classes = toInt(r, S("n_classes"), s.classes, NumberRange::atLeast(2));
    const int minFeatures = kind == QLatin1String("friedman1") ? 5 : 1;
    s.features = toInt(r, S("n_features"), s.features, NumberRange::atLeast(minFeatures));
    s.factor = r.number(S("factor"), s.factor, NumberRange::open(0, 1));
    s.seed = toSeed(r, S("seed"));
    return s;
}


} // namespace

DatasetSpec DatasetSectionParser::parse(const R& r) {
    DatasetSpec d;
    r.allowOnly({S("source"), S("target"), S("columns"), S("delimiter"), S("header"), S("missing"),
                 S("split"), S("preprocess"), S("augment"), S("synthetic"), S("image_shape")});
    parseSource(r, d);
    if (r.has(S("image_shape"))) {
        const JsonPath at = r.at(S("image_shape"));
        if (d.sourceKind != DatasetSpec::SourceKind::Csv)
            throw SpecError(at,
                            QStringLiteral("only used with a csv: source; %1 has its own shape")
                                .arg(d.source),
                            Kind::BadValue);
        const QJsonArray shape = r.array(S("image_shape"));
        if (shape.size() != 3)
            throw SpecError(at,
                            QStringLiteral("expected [channels, height, width], got %1")
                                .arg(R::got(r.value(S("image_shape")))),
                            Kind::BadValue);
        int dims[3];
        for (int i = 0; i < 3; ++i)
            dims[i] = toIntValue(shape.at(i), at.index(i), NumberRange::closed(1, 100000));
        d.imageShape = ImageShape{dims[0], dims[1], dims[2]};
    }

    if (r.has(S("target"))) {
        const QJsonValue t = r.value(S("target"));
        if (t.isString() && !t.toString().isEmpty())
            d.target = t.toString();
        else if (t.isDouble())
            d.targetIndex = toIntValue(t, r.at(S("target")), NumberRange::atLeast(0));
        else
            R::wrongType(t, r.at(S("target")), S("a column name or a 0-based column index"));
    }
    if (r.has(S("columns"))) {
        const R c = r.child(S("columns"));
        c.allowOnly({S("ignore")});
        if (c.has(S("ignore"))) {
            const QJsonArray ignore = c.array(S("ignore"));
            for (qsizetype i = 0; i < ignore.size(); ++i) {
                const QJsonValue v = ignore.at(i);
                const JsonPath p = c.at(S("ignore")).index(i);
                if (v.isString() && !v.toString().isEmpty())
                    d.ignoreNames << v.toString();
                else if (v.isDouble())
                    d.ignoreIndices.push_back(toIntValue(v, p, NumberRange::atLeast(0)));
                else
                    R::wrongType(v, p, S("a column name or a 0-based column index"));
            }
        }
    }
    if (r.has(S("delimiter"))) {
        const QString delim = r.string(S("delimiter"));
        if (delim.size() != 1)
            R::wrongType(r.value(S("delimiter")), r.at(S("delimiter")), S("a single character"));
        d.delimiter = delim[0];
    }
    if (r.has(S("header")))
        d.header = r.boolean(S("header"));
    d.missing = r.choice<DatasetSpec::Missing>(S("missing"),
                                               {{S("error"), DatasetSpec::Missing::Error},
                                                {S("drop"), DatasetSpec::Missing::Drop},
                                                {S("mean"), DatasetSpec::Missing::Mean},
                                                {S("mode"), DatasetSpec::Missing::Mode}},
                                               d.missing);
    if (r.has(S("split"))) {
        const R s = r.child(S("split"));
        s.allowOnly({S("validation"), S("test"), S("stratify"), S("shuffle"), S("seed")});
        d.split.validation =
            s.number(S("validation"), d.split.validation, NumberRange::halfOpen(0, 1));
        d.split.test = s.number(S("test"), d.split.test, NumberRange::halfOpen(0, 1));
        d.split.stratify = s.boolean(S("stratify"), d.split.stratify);
        d.split.shuffle = s.boolean(S("shuffle"), d.split.shuffle);
        d.split.seed = toSeed(s, S("seed"));
        if (d.split.validation + d.split.test >= 1.0)
            throw SpecError(s.path(),
                            QStringLiteral("validation (%1) + test (%2) must be less than 1")
                                .arg(CanonicalJson::number(d.split.validation),
                                     CanonicalJson::number(d.split.test)),
                            Kind::BadValue);
    }
    d.preprocess =
        r.choice<DatasetSpec::Preprocess>(S("preprocess"),
                                          {{S("none"), DatasetSpec::Preprocess::None},
                                           {S("standardize"), DatasetSpec::Preprocess::Standardize},
                                           {S("minmax"), DatasetSpec::Preprocess::MinMax}},
                                          d.preprocess);
    if (r.has(S("augment"))) {
        const QJsonArray aug = r.array(S("augment"));
        for (qsizetype i = 0; i < aug.size(); ++i)
            d.augment.push_back(parseAugment(aug.at(i), r.at(S("augment")).index(i)));
    }
    if (r.has(S("synthetic"))) {
        if (d.sourceKind != DatasetSpec::SourceKind::Synthetic)
            throw SpecError(r.at(S("synthetic")), S("only used with a synthetic: source"),
                            Kind::BadValue);
        d.synthetic = parseSynthetic(r.child(S("synthetic")), d.sourceName);
    }
    return d;
}

} // namespace tw::specparse
