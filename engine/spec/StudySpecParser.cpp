#include "spec/StudySpecParser.h"
#include "io/FileReader.h"

#include "ml/ModelArchitecture.h"
#include "spec/ArgvTemplate.h"
#include "spec/CanonicalJson.h"
#include "spec/ParamsJson.h"
#include "spec/SpecError.h"
#include "spec/SpecReader.h"
#include "spec/SpecSearchSpace.h"
#include "spec/StrictJson.h"

#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>
#include <climits>
#include <cmath>

namespace tw {

namespace {

using Kind = SpecError::Kind;
using R = SpecReader;

const JsonPath kObjective = JsonPath::fromText(QStringLiteral("objective"));

QString S(const char* s) {
    return QString::fromLatin1(s);
}

// An int-sized integer. The int limit is checked apart, so messages show the real range.
int capInt(qint64 v, const QJsonValue& raw, const JsonPath& path) {
    if (v > INT_MAX || v < INT_MIN)
        throw SpecError(
            path, QStringLiteral("expected an integer <= %1, got %2").arg(INT_MAX).arg(R::got(raw)),
            Kind::BadValue);
    return static_cast<int>(v);
}

int toInt(const SpecReader& r, const QString& key, int fallback, const NumberRange& range) {
    return capInt(r.integer(key, fallback, range), r.value(key), r.at(key));
}

int toIntValue(const QJsonValue& v, const JsonPath& path, const NumberRange& range) {
    return capInt(R::toInteger(v, path, range), v, path);
}

std::uint64_t toSeed(const SpecReader& r, const QString& key) {
    return static_cast<std::uint64_t>(r.integer(key, 0, NumberRange::atLeast(0)));
}

// --- metrics ----------------------------------------------------------------------

QStringList metricNames(bool includeTest) {
    QStringList out;
    QStringList splits = {S("train"), S("val")};
    if (includeTest)
        splits << S("test");
    for (const QString& split : splits)
        for (const char* m : {"loss", "accuracy", "f1_macro", "rmse", "mae", "r2"})
            out << split + u'_' + S(m);
    return out;
}

QString trainMetric(const QJsonValue& v, const JsonPath& path, bool forStudy) {
    const QString name = R::toString(v, path);
    const QStringList allowed = metricNames(false);
    if (allowed.contains(name))
        return name;
    if (name.startsWith(QLatin1String("test_")) && metricNames(true).contains(name))
        throw SpecError(
            path,
            QStringLiteral(
                "%1 cannot be %2: the test split is for the final report only; use \"val_%3\"")
                .arg(R::got(v), forStudy ? S("optimised") : S("monitored"), name.mid(5)),
            Kind::BadValue);
    throw SpecError(path,
                    QStringLiteral("expected one of %1, got %2").arg(R::oneOf(allowed), R::got(v)),
                    Kind::BadValue);
}

// --- dataset ------------------------------------------------------------------------

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

DatasetSpec parseDataset(const R& r) {
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
        s.allowOnly({S("validation"), S("test"), S("stratify"), S("seed")});
        d.split.validation =
            s.number(S("validation"), d.split.validation, NumberRange::halfOpen(0, 1));
        d.split.test = s.number(S("test"), d.split.test, NumberRange::halfOpen(0, 1));
        d.split.stratify = s.boolean(S("stratify"), d.split.stratify);
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

// --- model and training ---------------------------------------------------------------

ConvBlockSpec parseConvBlock(const QJsonValue& v, const JsonPath& path) {
    const R r(v, path);
    r.allowOnly({S("filters"), S("kernel"), S("stride"), S("padding"), S("pool")}, S("in a conv block"));
    ConvBlockSpec b;
    b.filters = capInt(r.integer(S("filters"), NumberRange::atLeast(1)), r.value(S("filters")), r.at(S("filters")));
    b.kernel = toInt(r, S("kernel"), b.kernel, NumberRange::atLeast(1));
    if (b.kernel % 2 == 0)
        throw SpecError(r.at(S("kernel")),
                        QStringLiteral("expected an odd kernel size (1, 3, 5, ...), got %1").arg(b.kernel),
                        Kind::BadValue);
    b.stride = toInt(r, S("stride"), b.stride, NumberRange::atLeast(1));
    b.padding = r.choice<ConvBlockSpec::Padding>(
        S("padding"), {{S("same"), ConvBlockSpec::Padding::Same}, {S("valid"), ConvBlockSpec::Padding::Valid}},
        b.padding);
    b.pool = toInt(r, S("pool"), b.pool, NumberRange::atLeast(1));
    return b;
}

// Shape inference before any trial: every block must leave a map of at least 1x1.
void checkConvShapes(const ModelSpec& m, const ImageShape& input, const JsonPath& convPath) {
    ImageShape shape = input;
    for (size_t i = 0; i < m.conv.size(); ++i) {
        const ConvBlockSpec& b = m.conv[i];
        const JsonPath at = convPath.index(static_cast<qsizetype>(i));
        const ImageShape c =
            convolvedShape(shape, b.filters, b.kernel, b.stride,
                           b.padding == ConvBlockSpec::Padding::Valid ? Padding::Valid : Padding::Same);
        if (!c.isValid())
            throw SpecError(at.key(S("kernel")),
                            QStringLiteral("a valid %1x%1 convolution does not fit the %2 map")
                                .arg(b.kernel)
                                .arg(QString::fromStdString(shape.toString())),
                            Kind::BadValue);
        const ImageShape p = pooledShape(c, b.pool);
        if (!p.isValid())
            throw SpecError(at.key(S("pool")),
                            QStringLiteral("pooling by %1 makes the %2 map smaller than 1x1")
                                .arg(b.pool)
                                .arg(QString::fromStdString(c.toString())),
                            Kind::BadValue);
        shape = p;
    }
}

ModelSpec parseModel(const R& r) {
    ModelSpec m;
    r.allowOnly({S("type"), S("hidden"), S("activation"), S("leaky_slope"), S("dropout"),
                 S("batch_norm"), S("init"), S("conv"), S("pool_type"), S("global_pool")});
    m.type = r.choice<ModelSpec::Type>(S("type"),
                                       {{S("linear"), ModelSpec::Type::Linear},
                                        {S("logistic"), ModelSpec::Type::Logistic},
                                        {S("softmax"), ModelSpec::Type::Softmax},
                                        {S("mlp"), ModelSpec::Type::Mlp},
                                        {S("cnn"), ModelSpec::Type::Cnn}},
                                       m.type);
    if (r.has(S("hidden"))) {
        m.hiddenGiven = true;
        m.hidden.clear();
        const QJsonArray h = r.array(S("hidden"));
        for (qsizetype i = 0; i < h.size(); ++i)
            m.hidden.push_back(
                toIntValue(h.at(i), r.at(S("hidden")).index(i), NumberRange::atLeast(1)));
    } else if (m.type == ModelSpec::Type::Cnn) {
        m.hidden = {128};
    }
    if (r.has(S("conv"))) {
        m.conv.clear();
        const QJsonArray c = r.array(S("conv"));
        for (qsizetype i = 0; i < c.size(); ++i)
            m.conv.push_back(parseConvBlock(c.at(i), r.at(S("conv")).index(i)));
    }
    m.poolType = r.choice<ModelSpec::PoolType>(
        S("pool_type"), {{S("max"), ModelSpec::PoolType::Max}, {S("avg"), ModelSpec::PoolType::Avg}}, m.poolType);
    m.globalPool = r.boolean(S("global_pool"), m.globalPool);
    m.activation =
        r.choice<ModelSpec::Activation>(S("activation"),
                                        {{S("relu"), ModelSpec::Activation::Relu},
                                         {S("leaky_relu"), ModelSpec::Activation::LeakyRelu},
                                         {S("tanh"), ModelSpec::Activation::Tanh},
                                         {S("sigmoid"), ModelSpec::Activation::Sigmoid},
                                         {S("gelu"), ModelSpec::Activation::Gelu}},
                                        m.activation);
    m.leakySlope = r.number(S("leaky_slope"), m.leakySlope, NumberRange::atLeast(0));
    m.dropout = r.number(S("dropout"), m.dropout, NumberRange::halfOpen(0, 1));
    m.batchNorm = r.boolean(S("batch_norm"), m.batchNorm);
    m.init = r.choice<ModelSpec::Init>(S("init"),
                                       {{S("auto"), ModelSpec::Init::Auto},
                                        {S("he"), ModelSpec::Init::He},
                                        {S("xavier"), ModelSpec::Init::Xavier}},
                                       m.init);
    return m;
}

ScheduleSpec parseSchedule(const R& r) {
    ScheduleSpec s;
    r.allowOnly({S("type"), S("warmup_epochs"), S("step_size"), S("gamma"), S("min_lr"),
                 S("factor"), S("patience")});
    s.type = r.choice<ScheduleSpec::Type>(S("type"),
                                          {{S("constant"), ScheduleSpec::Type::Constant},
                                           {S("step"), ScheduleSpec::Type::Step},
                                           {S("exponential"), ScheduleSpec::Type::Exponential},
                                           {S("cosine"), ScheduleSpec::Type::Cosine},
                                           {S("plateau"), ScheduleSpec::Type::Plateau}},
                                          s.type);
    s.warmupEpochs = toInt(r, S("warmup_epochs"), s.warmupEpochs, NumberRange::atLeast(0));
    s.stepSize = toInt(r, S("step_size"), s.stepSize, NumberRange::atLeast(1));
    s.gamma = r.number(S("gamma"), s.type == ScheduleSpec::Type::Exponential ? 0.95 : 0.1,
                       NumberRange::leftOpen(0, 1));
    s.minLr = r.number(S("min_lr"), s.minLr, NumberRange::atLeast(0));
    s.factor = r.number(S("factor"), s.factor, NumberRange::open(0, 1));
    s.patience = toInt(r, S("patience"), s.patience, NumberRange::atLeast(0));
    return s;
}

EarlyStoppingSpec parseEarlyStopping(const R& r, const QString& studyMetric) {
    EarlyStoppingSpec e;
    r.allowOnly({S("enabled"), S("patience"), S("min_delta"), S("restore_best"), S("metric")});
    e.enabled = r.boolean(S("enabled"), true);
    e.patience = toInt(r, S("patience"), e.patience, NumberRange::atLeast(1));
    e.minDelta = r.number(S("min_delta"), e.minDelta, NumberRange::atLeast(0));
    e.restoreBest = r.boolean(S("restore_best"), e.restoreBest);
    if (r.has(S("metric")))
        e.metric = trainMetric(r.value(S("metric")), r.at(S("metric")), false);
    else
        e.metric = studyMetric.startsWith(QLatin1String("val_")) ? studyMetric : S("val_loss");
    return e;
}

TrainingSpec parseTraining(const R& r, const QString& studyMetric) {
    TrainingSpec t;
    r.allowOnly({S("optimizer"), S("learning_rate"), S("batch_size"), S("epochs"),
                 S("weight_decay"), S("loss"), S("label_smoothing"), S("huber_delta"),
                 S("momentum"), S("beta1"), S("beta2"), S("epsilon"), S("clip_norm"), S("shuffle"),
                 S("schedule"), S("early_stopping"), S("seed"), S("threads")});
    using O = TrainingSpec::Optimizer;
    t.optimizer = r.choice<O>(S("optimizer"),
                              {{S("sgd"), O::Sgd},
                               {S("momentum"), O::Momentum},
                               {S("nesterov"), O::Nesterov},
                               {S("adagrad"), O::AdaGrad},
                               {S("rmsprop"), O::RmsProp},
                               {S("adam"), O::Adam},
                               {S("adamw"), O::AdamW}},
                              t.optimizer);
    t.learningRate = r.number(S("learning_rate"), t.learningRate, NumberRange::greaterThan(0));
    t.batchSize = toInt(r, S("batch_size"), t.batchSize, NumberRange::atLeast(1));
    t.epochs = toInt(r, S("epochs"), t.epochs, NumberRange::atLeast(0));
    t.weightDecay = r.number(S("weight_decay"), t.weightDecay, NumberRange::atLeast(0));
    using L = TrainingSpec::Loss;
    t.loss = r.choice<L>(S("loss"),
                         {{S("auto"), L::Auto},
                          {S("mse"), L::Mse},
                          {S("huber"), L::Huber},
                          {S("cross_entropy"), L::CrossEntropy},
                          {S("binary_cross_entropy"), L::BinaryCrossEntropy}},
                         t.loss);
    t.labelSmoothing =
        r.number(S("label_smoothing"), t.labelSmoothing, NumberRange::halfOpen(0, 1));
    t.huberDelta = r.number(S("huber_delta"), t.huberDelta, NumberRange::greaterThan(0));
    t.momentum = r.number(S("momentum"), t.momentum, NumberRange::halfOpen(0, 1));
    t.beta1 = r.number(S("beta1"), t.beta1, NumberRange::halfOpen(0, 1));
    t.beta2 = r.number(S("beta2"), t.beta2, NumberRange::halfOpen(0, 1));
    t.epsilon = r.number(S("epsilon"), t.epsilon, NumberRange::greaterThan(0));
    t.clipNorm = r.number(S("clip_norm"), t.clipNorm, NumberRange::atLeast(0));
    t.shuffle = r.boolean(S("shuffle"), t.shuffle);
    if (r.has(S("schedule")))
        t.schedule = parseSchedule(r.child(S("schedule")));
    if (r.has(S("early_stopping")))
        t.earlyStopping = parseEarlyStopping(r.child(S("early_stopping")), studyMetric);
    t.seed = toSeed(r, S("seed"));
    t.threads = toInt(r, S("threads"), t.threads, NumberRange::atLeast(1));
    return t;
}

// --- objectives -------------------------------------------------------------------------

ObjectiveSpec parseObjectiveAt(const QJsonValue& v, const JsonPath& path,
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
        o.dataset = parseDataset(r.child(S("dataset")));
        if (r.has(S("model")))
            o.model = parseModel(r.child(S("model")));
        if (o.model.type == ModelSpec::Type::Cnn && !o.dataset.knownImageShape())
            throw SpecError(
                r.at(S("model")).key(S("type")),
                QStringLiteral("\"cnn\" needs images, but %1 has no image shape; for a CSV of pixel "
                               "columns add \"image_shape\": [channels, height, width] to "
                               "objective.dataset (builtin:digits and builtin:fashion_mnist have theirs)")
                    .arg(o.dataset.source),
                Kind::BadValue);
        if (o.model.type == ModelSpec::Type::Cnn)
            checkConvShapes(o.model, *o.dataset.knownImageShape(), r.at(S("model")).key(S("conv")));
        if (r.has(S("training")))
            o.training = parseTraining(r.child(S("training")), studyMetric);
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

// --- search space -----------------------------------------------------------------------

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

SearchSpaceSpec parseSearchSpace(const R& r) {
    SearchSpaceSpec s;
    s.json = r.object();
    for (auto it = r.object().begin(); it != r.object().end(); ++it) {
        if (it.key().trimmed().isEmpty())
            throw SpecError(r.at(it.key()), S("a parameter needs a name"), Kind::BadValue);
        s.params.push_back(parseParam(it.key(), it.value(), r.at(it.key())));
    }
    return s;
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
        JsonPath target = kObjective;
        for (const QString& k : keys) {
            if (k.isEmpty())
                throw SpecError(
                    ppath,
                    S("expected a dotted path into objective, such as training.learning_rate"),
                    Kind::BadValue);
            bool digits = !k.isEmpty() && k.size() <= 9;
            for (const QChar c : k)
                digits = digits && c.isDigit() && c.unicode() < 128;
            target = digits && target.text() != kObjective.text() ? target.index(k.toLongLong()) : target.key(k);
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
                parseObjectiveAt(applied.value(), kObjective, spec.metric);
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
    const JsonPath argvPath = kObjective.key(S("argv"));
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

// --- sampler, pruner, budget, retry -----------------------------------------------------

SamplerSpec parseSampler(const R& r) {
    SamplerSpec s;
    using T = SamplerSpec::Type;
    s.type = r.choice<T>(S("type"),
                         {{S("grid"), T::Grid},
                          {S("random"), T::Random},
                          {S("sobol"), T::Sobol},
                          {S("gp"), T::Gp},
                          {S("tpe"), T::Tpe},
                          {S("cmaes"), T::Cmaes},
                          {S("auto"), T::Auto}},
                         s.type);
    const QString ctx = QStringLiteral("for the %1 sampler")
                            .arg(r.has(S("type")) ? r.value(S("type")).toString() : S("tpe"));
    switch (s.type) {
    case T::Grid:
        r.allowOnly({S("type"), S("seed"), S("resolution")}, ctx);
        s.resolution = toInt(r, S("resolution"), 0, NumberRange::atLeast(2));
        break;
    case T::Random:
        r.allowOnly({S("type"), S("seed")}, ctx);
        break;
    case T::Sobol:
        r.allowOnly({S("type"), S("seed"), S("scramble")}, ctx);
        s.scramble = r.boolean(S("scramble"), s.scramble);
        break;
    case T::Gp:
        r.allowOnly({S("type"), S("seed"), S("n_startup"), S("refit_every")}, ctx);
        s.nStartup = toInt(r, S("n_startup"), 8, NumberRange::atLeast(1));
        s.refitEvery = toInt(r, S("refit_every"), s.refitEvery, NumberRange::atLeast(1));
        break;
    case T::Tpe:
        r.allowOnly({S("type"), S("seed"), S("n_startup"), S("multivariate"), S("n_ei_candidates")},
                    ctx);
        s.nStartup = toInt(r, S("n_startup"), 10, NumberRange::atLeast(1));
        s.multivariate = r.boolean(S("multivariate"), s.multivariate);
        s.nEiCandidates = toInt(r, S("n_ei_candidates"), s.nEiCandidates, NumberRange::atLeast(1));
        break;
    case T::Cmaes:
        r.allowOnly({S("type"), S("seed"), S("sigma0"), S("popsize"), S("restarts"), S("n_startup")}, ctx);
        s.nStartup = toInt(r, S("n_startup"), 0, NumberRange::atLeast(0));
        if (r.has(S("sigma0")))
            s.sigma0 = r.number(S("sigma0"), NumberRange::leftOpen(0, 1));
        s.popsize = toInt(r, S("popsize"), 0, NumberRange::atLeast(2));
        s.restarts = r.choice<SamplerSpec::Restarts>(S("restarts"),
                                                     {{S("none"), SamplerSpec::Restarts::None},
                                                      {S("ipop"), SamplerSpec::Restarts::Ipop},
                                                      {S("bipop"), SamplerSpec::Restarts::Bipop}},
                                                     s.restarts);
        break;
    case T::Auto:
        r.allowOnly({S("type"), S("seed")}, ctx);
        break;
    }
    s.seed = toSeed(r, S("seed"));
    return s;
}

PrunerSpec parsePruner(const R& r, const StudySpec& spec) {
    PrunerSpec p;
    using T = PrunerSpec::Type;
    p.type = r.choice<T>(S("type"), {{S("none"), T::None},
                                     {S("median"), T::Median},
                                     {S("percentile"), T::Percentile},
                                     {S("asha"), T::Asha},
                                     {S("hyperband"), T::Hyperband}});
    const QString ctx = QStringLiteral("for the %1 pruner").arg(r.value(S("type")).toString());
    switch (p.type) {
    case T::None:
        r.allowOnly({S("type")}, ctx);
        break;
    case T::Median:
    case T::Percentile:
        if (p.type == T::Median) {
            r.allowOnly({S("type"), S("n_startup_trials"), S("n_warmup_steps")}, ctx);
        } else {
            r.allowOnly({S("type"), S("percentile"), S("n_startup_trials"), S("n_warmup_steps")},
                        ctx);
            p.percentile = r.number(S("percentile"), NumberRange::open(0, 100));
        }
        p.nStartupTrials =
            toInt(r, S("n_startup_trials"), p.nStartupTrials, NumberRange::atLeast(0));
        p.nWarmupSteps = toInt(r, S("n_warmup_steps"), p.nWarmupSteps, NumberRange::atLeast(0));
        break;
    case T::Asha:
        r.allowOnly({S("type"), S("min_resource"), S("reduction_factor")}, ctx);
        p.minResource = toInt(r, S("min_resource"), p.minResource, NumberRange::atLeast(1));
        p.reductionFactor =
            toInt(r, S("reduction_factor"), p.reductionFactor, NumberRange::atLeast(2));
        break;
    case T::Hyperband: {
        r.allowOnly({S("type"), S("min_resource"), S("max_resource"), S("reduction_factor")}, ctx);
        p.minResource = toInt(r, S("min_resource"), p.minResource, NumberRange::atLeast(1));
        p.reductionFactor =
            toInt(r, S("reduction_factor"), p.reductionFactor, NumberRange::atLeast(2));
        if (r.has(S("max_resource"))) {
            p.maxResource = toInt(r, S("max_resource"), 0, NumberRange::greaterThan(p.minResource));
        } else if (spec.objective.isTrain()) {
            // The number of steps a full trial reports.
            qint64 epochs = spec.objective.training.epochs;
            if (const auto* e = spec.searchSpace.find(S("training.epochs"));
                e && e->kind == Distribution::Kind::Int)
                epochs = static_cast<qint64>(e->high);
            const qint64 steps = epochs * std::max(1, spec.objective.cvFolds);
            if (steps <= p.minResource)
                throw SpecError(
                    r.at(S("max_resource")),
                    QStringLiteral(
                        "missing required key: the default, %1 steps (epochs x folds), is not "
                        "more than min_resource (%2)")
                        .arg(steps)
                        .arg(p.minResource),
                    Kind::MissingKey);
            p.maxResource = static_cast<int>(std::min<qint64>(steps, INT_MAX));
        } else {
            throw SpecError(r.at(S("max_resource")),
                            S("missing required key (the hyperband pruner needs it for command and "
                              "function objectives)"),
                            Kind::MissingKey);
        }
        break;
    }
    }
    return p;
}

BudgetSpec parseBudget(const R& r) {
    BudgetSpec b;
    r.allowOnly({S("trials"), S("timeout_s"), S("parallel"), S("max_consecutive_failures")});
    b.trials = toInt(r, S("trials"), b.trials, NumberRange::atLeast(1));
    b.timeoutS = r.number(S("timeout_s"), b.timeoutS, NumberRange::atLeast(0));
    b.parallel = toInt(r, S("parallel"), b.parallel, NumberRange::atLeast(1));
    if (r.has(S("max_consecutive_failures")))
        b.maxConsecutiveFailures = toInt(r, S("max_consecutive_failures"), 0, NumberRange::atLeast(0));
    return b;
}

RetrySpec parseRetry(const R& r) {
    RetrySpec s;
    r.allowOnly({S("max_retries"), S("heartbeat_s"), S("grace_s")});
    s.maxRetries = toInt(r, S("max_retries"), s.maxRetries, NumberRange::atLeast(0));
    s.heartbeatS = r.number(S("heartbeat_s"), s.heartbeatS, NumberRange::greaterThan(0));
    s.graceS = r.number(S("grace_s"), s.graceS, NumberRange::greaterThan(0));
    if (s.graceS <= s.heartbeatS)
        throw SpecError(
            r.at(r.has(S("grace_s")) ? S("grace_s") : S("heartbeat_s")),
            QStringLiteral("grace_s (%1) must be greater than heartbeat_s (%2)")
                .arg(CanonicalJson::number(s.graceS), CanonicalJson::number(s.heartbeatS)),
            Kind::BadValue);
    return s;
}

// --- the study --------------------------------------------------------------------------

StudySpec parseStudy(const QJsonObject& doc, const QString& defaultName) {
    // The same depth limit as for spec text, so what is stored reads back on resume.
    if (const auto deep = StrictJson::tooDeep(doc))
        throw SpecError(*deep, StrictJson::depthMessage(), Kind::BadValue);
    const R r(doc, JsonPath());
    r.allowOnly({S("version"), S("name"), S("description"), S("metric"), S("direction"),
                 S("objective"), S("search_space"), S("sampler"), S("pruner"), S("budget"),
                 S("retry")});
    StudySpec s;
    s.json = doc;
    s.version = toInt(r, S("version"), 1, NumberRange::atLeast(1));
    if (s.version != 1)
        throw SpecError(r.at(S("version")),
                        QStringLiteral("this build reads version 1, got %1").arg(s.version),
                        Kind::BadValue);
    s.name = r.string(S("name"), defaultName).trimmed();
    if (s.name.isEmpty())
        throw SpecError(r.at(S("name")), S("expected a non-empty study name, got \"\""),
                        Kind::BadValue);
    s.description = r.string(S("description"), QString());

    // The metric decides objective defaults, so read it first, checking it after the type.
    r.require(S("objective"));
    const QJsonValue objective = r.value(S("objective"));
    const bool isTrain =
        objective.isObject() && objective.toObject().value(S("type")) == QJsonValue(S("train"));
    if (isTrain) {
        r.require(S("metric"));
        s.metric = trainMetric(r.value(S("metric")), r.at(S("metric")), true);
    } else {
        s.metric = r.string(S("metric"), S("value"));
        if (s.metric.isEmpty())
            throw SpecError(r.at(S("metric")), S("expected a non-empty name, got \"\""),
                            Kind::BadValue);
    }
    s.objective = parseObjectiveAt(objective, kObjective, s.metric);

    if (s.objective.isTrain()) {
        if (const auto task = s.objective.dataset.knownTask()) {
            const QString measure = s.metric.mid(s.metric.indexOf(u'_') + 1);
            const bool classMetric =
                measure == QLatin1String("accuracy") || measure == QLatin1String("f1_macro");
            const bool regMetric = measure == QLatin1String("rmse") ||
                                   measure == QLatin1String("mae") ||
                                   measure == QLatin1String("r2");
            if (classMetric && *task == Task::Regression)
                throw SpecError(
                    r.at(S("metric")),
                    QStringLiteral(
                        "\"%1\" needs a classification dataset, but %2 is a regression dataset")
                        .arg(s.metric, s.objective.dataset.source),
                    Kind::BadValue);
            if (regMetric && *task == Task::Classification)
                throw SpecError(
                    r.at(S("metric")),
                    QStringLiteral(
                        "\"%1\" needs a regression dataset, but %2 is a classification dataset")
                        .arg(s.metric, s.objective.dataset.source),
                    Kind::BadValue);
        }
    }
    const StudyDirection defaultDirection = StudySpecParser::metricMaximizes(s.metric)
                                                ? StudyDirection::Maximize
                                                : StudyDirection::Minimize;
    s.direction = r.choice<StudyDirection>(
        S("direction"),
        {{S("minimize"), StudyDirection::Minimize}, {S("maximize"), StudyDirection::Maximize}},
        defaultDirection);

    if (r.has(S("search_space")))
        s.searchSpace = parseSearchSpace(r.child(S("search_space")));
    SpecSearchSpace::buildOrThrow(s.searchSpace);
    switch (s.objective.type) {
    case ObjectiveSpec::Type::Train:
        checkTrainPaths(s);
        break;
    case ObjectiveSpec::Type::Command:
        checkCommandPlaceholders(s);
        break;
    case ObjectiveSpec::Type::Function:
        checkFunctionParams(s);
        break;
    }

    if (r.has(S("sampler")))
        s.sampler = parseSampler(r.child(S("sampler")));
    if (s.sampler.type == SamplerSpec::Type::Grid)
        for (const auto& p : s.searchSpace.params)
            if (p.kind == Distribution::Kind::Float && p.step <= 0.0 && p.resolution == 0 &&
                s.sampler.resolution == 0)
                throw SpecError(JsonPath().key(S("search_space")).key(p.name),
                                S("the grid sampler needs \"resolution\" (the number of points) or "
                                  "\"step\" for a "
                                  "float parameter; or set sampler.resolution"),
                                Kind::MissingKey);
    if (r.has(S("pruner")))
        s.pruner = parsePruner(r.child(S("pruner")), s);
    if (r.has(S("budget")))
        s.budget = parseBudget(r.child(S("budget")));
    if (r.has(S("retry")))
        s.retry = parseRetry(r.child(S("retry")));
    return s;
}

QString withSource(const QString& sourceName, const QString& text) {
    return sourceName.isEmpty() ? text : sourceName + QStringLiteral(": ") + text;
}

} // namespace

QStringList StudySpecParser::trainMetricNames(bool includeTest) {
    return metricNames(includeTest);
}

bool StudySpecParser::metricMaximizes(const QString& metric) {
    return metric.endsWith(QLatin1String("_accuracy")) ||
           metric.endsWith(QLatin1String("_f1_macro")) || metric.endsWith(QLatin1String("_r2"));
}

ParseResult<StudySpec> StudySpecParser::parseObject(const QJsonObject& document,
                                                    const QString& sourceName,
                                                    const QString& baseDir) {
    QString defaultName = S("study");
    if (!sourceName.isEmpty()) {
        const QString base = QFileInfo(sourceName).completeBaseName();
        if (!base.trimmed().isEmpty())
            defaultName = base;
    }
    try {
        StudySpec spec = parseStudy(document, defaultName);
        spec.sourceFile = sourceName;
        spec.resolvePaths(baseDir);
        return spec;
    } catch (const SpecError& e) {
        return ParseResult<StudySpec>::failure(withSource(sourceName, e.text()));
    }
}

ParseResult<StudySpec> StudySpecParser::parseBytes(const QByteArray& json,
                                                   const QString& sourceName,
                                                   const QString& baseDir) {
    const QString where = sourceName.isEmpty() ? S("spec") : sourceName;
    const auto parsed = StrictJson::parse(json, where);
    if (!parsed)
        return ParseResult<StudySpec>::failure(parsed.error());
    const QJsonDocument& doc = *parsed;
    if (!doc.isObject())
        return ParseResult<StudySpec>::failure(
            QStringLiteral("%1: expected a JSON object at the top level, got an array").arg(where));
    return parseObject(doc.object(), sourceName, baseDir);
}

ParseResult<StudySpec> StudySpecParser::parseFile(const QString& path) {
    auto bytes = FileReader::readAll(path);
    if (!bytes)
        return ParseResult<StudySpec>::failure(bytes.error());
    return parseBytes(bytes.value(), path, QFileInfo(path).absolutePath());
}

ParseResult<ObjectiveSpec> StudySpecParser::parseObjective(const QJsonObject& objective,
                                                           const QString& studyMetric) {
    try {
        return parseObjectiveAt(objective, kObjective, studyMetric);
    } catch (const SpecError& e) {
        return ParseResult<ObjectiveSpec>::failure(e.text());
    }
}

} // namespace tw
