#include "spec/CanonicalJson.h"
#include "core/Random.h"
#include "spec/ParamsJson.h"
#include "spec/SpecSearchSpace.h"
#include "spec/StrictJson.h"
#include "spec/StudySpecParser.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

#include "support/TestPaths.h"
#include <functional>

using namespace tw;

namespace {

QString specDir(const QString& sub) {
    return tw::test::testData(QStringLiteral("specs/")) + sub;
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

StudySpec mustParse(const QString& path) {
    auto r = StudySpecParser::parseFile(path);
    if (!r)
        qFatal("%s", qPrintable(r.error()));
    return r.value();
}

} // namespace

class TestStudySpecParser : public QObject {
    Q_OBJECT

private slots:
    void goodSpecsParse_data() {
        QTest::addColumn<QString>("path");
        const QStringList files = QDir(specDir(QStringLiteral("good")))
                                      .entryList({QStringLiteral("*.json")}, QDir::Files);
        QVERIFY(files.size() >= 12);
        for (const QString& f : files)
            QTest::newRow(qPrintable(f)) << specDir(QStringLiteral("good/")) + f;
    }
    void goodSpecsParse() {
        QFETCH(QString, path);
        const auto r = StudySpecParser::parseFile(path);
        QVERIFY2(r.ok(), qPrintable(r.error()));
        // The search space maps to a valid tw::SearchSpace.
        const auto space = SpecSearchSpace::build(r->searchSpace);
        QVERIFY2(space.ok(), qPrintable(space.error()));
        QCOMPARE(space->size(), r->searchSpace.params.size());
        // The canonical form parses back to the same spec.
        const auto again =
            StudySpecParser::parseBytes(r->canonicalJson().toUtf8(), path, r->baseDir);
        QVERIFY2(again.ok(), qPrintable(again.error()));
        QCOMPARE(again->canonicalJson(), r->canonicalJson());
        QVERIFY(r->resumeMismatch(again->canonicalJson()).isEmpty());
    }

    void badSpecsGiveTheirMessage_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        const QDir dir(specDir(QStringLiteral("bad")));
        const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files);
        QVERIFY(files.size() >= 50);
        for (const QString& f : files) {
            const QString path = dir.filePath(f);
            QString expected =
                QString::fromUtf8(readAll(path.chopped(5) + QStringLiteral(".expected"))).trimmed();
            expected.replace(QStringLiteral("FILE"), path);
            QTest::newRow(qPrintable(f)) << path << expected;
        }
    }
    void badSpecsGiveTheirMessage() {
        QFETCH(QString, path);
        QFETCH(QString, expected);
        const auto r = StudySpecParser::parseFile(path);
        QVERIFY(!r.ok());
        QCOMPARE(r.error(), expected);
    }

    void contractExampleIsReadInFull() {
        const StudySpec s = mustParse(specDir(QStringLiteral("good/iris-mlp.json")));
        QCOMPARE(s.version, 1);
        QCOMPARE(s.name, QStringLiteral("iris-mlp"));
        QCOMPARE(s.metric, QStringLiteral("val_accuracy"));
        QVERIFY(s.direction == StudyDirection::Maximize);
        const ObjectiveSpec& o = s.objective;
        QCOMPARE(o.type, ObjectiveSpec::Type::Train);
        QCOMPARE(o.dataset.sourceKind, DatasetSpec::SourceKind::Builtin);
        QCOMPARE(o.dataset.sourceName, QStringLiteral("iris"));
        QCOMPARE(o.dataset.target, QStringLiteral("species"));
        QCOMPARE(o.dataset.missing, DatasetSpec::Missing::Error);
        QCOMPARE(o.dataset.split.validation, 0.2);
        QCOMPARE(o.dataset.split.test, 0.2);
        QVERIFY(o.dataset.split.stratify);
        QCOMPARE(o.dataset.preprocess, DatasetSpec::Preprocess::Standardize);
        QCOMPARE(o.dataset.augment.size(), size_t(1));
        QCOMPARE(o.dataset.augment[0].type, AugmentSpec::Type::GaussianNoise);
        QCOMPARE(o.dataset.augment[0].std, 0.05);
        QCOMPARE(o.model.type, ModelSpec::Type::Mlp);
        QCOMPARE(o.model.hidden, (std::vector<int>{64, 64}));
        QCOMPARE(o.model.activation, ModelSpec::Activation::Relu);
        QCOMPARE(o.training.optimizer, TrainingSpec::Optimizer::Adam);
        QCOMPARE(o.training.learningRate, 0.001);
        QCOMPARE(o.training.batchSize, 32);
        QCOMPARE(o.training.epochs, 50);
        QCOMPARE(o.training.loss, TrainingSpec::Loss::Auto);
        QCOMPARE(o.training.schedule.type, ScheduleSpec::Type::Cosine);
        QCOMPARE(o.training.schedule.warmupEpochs, 2);
        QVERIFY(o.training.earlyStopping.enabled);
        QCOMPARE(o.training.earlyStopping.patience, 10);
        QCOMPARE(o.training.earlyStopping.metric, QStringLiteral("val_accuracy"));
        QCOMPARE(o.training.threads, 1);
        QCOMPARE(o.cvFolds, 0);
        QCOMPARE(s.searchSpace.params.size(), size_t(4));
        const ParamSpecJson* lr = s.searchSpace.find(QStringLiteral("training.learning_rate"));
        QVERIFY(lr);
        QCOMPARE(lr->kind, Distribution::Kind::Float);
        QCOMPARE(lr->low, 1e-4);
        QVERIFY(lr->log);
        const ParamSpecJson* dropout = s.searchSpace.find(QStringLiteral("model.dropout"));
        QVERIFY(dropout && dropout->condition);
        QVERIFY(dropout->condition->notIn);
        QCOMPARE(dropout->condition->param, QStringLiteral("model.hidden"));
        QCOMPARE(s.sampler.type, SamplerSpec::Type::Gp);
        QCOMPARE(s.sampler.nStartup, 8);
        QCOMPARE(s.pruner.type, PrunerSpec::Type::Asha);
        QCOMPARE(s.pruner.minResource, 1);
        QCOMPARE(s.pruner.reductionFactor, 3);
        QCOMPARE(s.budget.trials, 40);
        QCOMPARE(s.budget.timeoutS, 600.0);
        QCOMPARE(s.budget.parallel, 2);
        QCOMPARE(s.retry.maxRetries, 1);
        QCOMPARE(s.retry.heartbeatS, 10.0);
        QCOMPARE(s.retry.graceS, 60.0);

        // The condition on a categorical parent becomes the index of [32].
        const auto space = SpecSearchSpace::build(s.searchSpace);
        QVERIFY(space.ok());
        const ParamSpec* d = space->find("model.dropout");
        QVERIFY(d && d->condition);
        QCOMPARE(d->condition->values, std::vector<double>{0.0});
        QVERIFY(d->condition->notIn);
    }

    void defaultsFillAnOmittedKey() {
        const StudySpec s = mustParse(specDir(QStringLiteral("good/minimal-train.json")));
        QCOMPARE(s.name, QStringLiteral("minimal-train")); // the file's base name
        QVERIFY(s.direction == StudyDirection::Minimize);  // val_loss
        QCOMPARE(s.objective.model.type, ModelSpec::Type::Mlp);
        QCOMPARE(s.objective.model.hidden, std::vector<int>{64});
        QCOMPARE(s.objective.training.epochs, 20);
        QCOMPARE(s.objective.training.learningRate, 1e-3);
        QVERIFY(!s.objective.training.earlyStopping.enabled);
        QCOMPARE(s.objective.dataset.split.validation, 0.2);
        QCOMPARE(s.objective.dataset.preprocess, DatasetSpec::Preprocess::Standardize);
        QCOMPARE(s.sampler.type, SamplerSpec::Type::Tpe);
        QCOMPARE(s.sampler.nStartup, 10);
        QCOMPARE(s.pruner.type, PrunerSpec::Type::None);
        QCOMPARE(s.budget.trials, 100);
        QCOMPARE(s.budget.parallel, 1);
        QCOMPARE(s.retry.maxRetries, 0);
        QVERIFY(s.searchSpace.empty());
    }

    void commandObjective() {
        const StudySpec s = mustParse(specDir(QStringLiteral("good/command.json")));
        QCOMPARE(s.objective.type, ObjectiveSpec::Type::Command);
        QCOMPARE(s.metric, QStringLiteral("value"));
        QCOMPARE(s.objective.command.argv.size(), 7);
        QCOMPARE(s.objective.command.timeoutS, 600.0);
        QCOMPARE(s.objective.command.env.value(QStringLiteral("OMP_NUM_THREADS")),
                 QStringLiteral("1"));
        // workdir is relative to the spec file's folder.
        QCOMPARE(s.objective.command.workdir,
                 QDir::cleanPath(specDir(QStringLiteral("good/scripts"))));
        QCOMPARE(s.objective.json.value(QStringLiteral("workdir")).toString(),
                 s.objective.command.workdir);
        QCOMPARE(s.sampler.type, SamplerSpec::Type::Random);
        QCOMPARE(s.sampler.seed, std::uint64_t(7));
        QCOMPARE(s.pruner.type, PrunerSpec::Type::Median);
        QCOMPARE(s.pruner.nStartupTrials, 3);
        QCOMPARE(s.pruner.nWarmupSteps, 2);
        const ParamSpecJson* act = s.searchSpace.find(QStringLiteral("act"));
        QVERIFY(act);
        QCOMPARE(act->choices.size(), 6);
    }

    void functionAndSamplers() {
        StudySpec s = mustParse(specDir(QStringLiteral("good/function-rosenbrock.json")));
        QCOMPARE(s.objective.function.name, QStringLiteral("rosenbrock"));
        QCOMPARE(s.objective.function.dim, 4);
        QCOMPARE(s.sampler.type, SamplerSpec::Type::Gp);
        QCOMPARE(s.sampler.nStartup, 5);
        QCOMPARE(s.sampler.refitEvery, 3);
        QCOMPARE(s.sampler.localEvery, 3);
        QCOMPARE(s.budget.timeoutS, 120.0);

        s = mustParse(specDir(QStringLiteral("good/function-named-dim.json")));
        QCOMPARE(s.objective.function.name, QStringLiteral("ackley")); // the registry's base name
        QCOMPARE(s.objective.function.dim, 5);

        s = mustParse(specDir(QStringLiteral("good/sampler-grid.json")));
        QCOMPARE(s.objective.function.dim, 2); // branin's own
        QCOMPARE(s.sampler.type, SamplerSpec::Type::Grid);
        const auto res = SpecSearchSpace::gridResolutions(s.searchSpace, s.sampler);
        QCOMPARE(res.size(), size_t(1)); // x1 has a step
        QCOMPARE(res.at("x0"), 16);      // its own beats the sampler's 5

        s = mustParse(specDir(QStringLiteral("good/sampler-grid-global-resolution.json")));
        QCOMPARE(SpecSearchSpace::gridResolutions(s.searchSpace, s.sampler).at("x1"), 11);

        s = mustParse(specDir(QStringLiteral("good/sampler-sobol.json")));
        QCOMPARE(s.sampler.type, SamplerSpec::Type::Sobol);
        QVERIFY(!s.sampler.scramble);
        QCOMPARE(s.objective.function.dim, 6);

        s = mustParse(specDir(QStringLiteral("good/sampler-tpe.json")));
        QVERIFY(s.sampler.multivariate);
        QCOMPARE(s.sampler.nStartup, 12);
        QCOMPARE(s.sampler.nEiCandidates, 48);
        QCOMPARE(s.retry.maxRetries, 2);
        QCOMPARE(s.retry.graceS, 30.0);
    }

    void pruners() {
        StudySpec s = mustParse(specDir(QStringLiteral("good/pruner-percentile.json")));
        QCOMPARE(s.pruner.type, PrunerSpec::Type::Percentile);
        QCOMPARE(s.pruner.percentile, 25.0);
        QCOMPARE(s.pruner.nStartupTrials, 4);
        s = mustParse(specDir(QStringLiteral("good/pruner-hyperband.json")));
        QCOMPARE(s.pruner.type, PrunerSpec::Type::Hyperband);
        QCOMPARE(s.pruner.minResource, 2);
        // Default max_resource: the searched epochs' high (40) x 3 folds.
        QCOMPARE(s.pruner.maxResource, 120);
        QCOMPARE(s.objective.cvFolds, 3);
        QCOMPARE(s.objective.dataset.augment.size(), size_t(2));
        QCOMPARE(s.objective.dataset.augment[1].type, AugmentSpec::Type::RandomErasing);
        QCOMPARE(s.objective.dataset.augment[1].maxArea, 0.1);
        s = mustParse(specDir(QStringLiteral("good/pruner-none.json")));
        QCOMPARE(s.pruner.type, PrunerSpec::Type::None);
        QVERIFY(s.direction == StudyDirection::Maximize); // val_r2
        QCOMPARE(s.objective.model.type, ModelSpec::Type::Linear);
        QCOMPARE(s.objective.dataset.split.test, 0.0);
    }

    void csvPathsResolveAgainstTheSpecFolder() {
        const StudySpec s = mustParse(specDir(QStringLiteral("good/csv-relative.json")));
        const QString expected = QDir::cleanPath(specDir(QStringLiteral("data/house.csv")));
        QCOMPARE(s.objective.dataset.sourceKind, DatasetSpec::SourceKind::Csv);
        QCOMPARE(s.objective.dataset.sourceName, expected);
        QCOMPARE(s.objective.dataset.source, QStringLiteral("csv:") + expected);
        QCOMPARE(s.objective.json.value(QStringLiteral("dataset"))
                     .toObject()
                     .value(QStringLiteral("source"))
                     .toString(),
                 QStringLiteral("csv:") + expected);
        QVERIFY(s.canonicalJson().contains(QStringLiteral("csv:") + expected));
        QCOMPARE(s.objective.dataset.target, QStringLiteral("price"));
        QCOMPARE(s.objective.dataset.ignoreNames, QStringList{QStringLiteral("id")});
        QCOMPARE(s.objective.dataset.ignoreIndices, std::vector<int>{0});
        QCOMPARE(*s.objective.dataset.delimiter, QChar(u';'));
        QCOMPARE(*s.objective.dataset.header, true);
        QCOMPARE(s.objective.dataset.missing, DatasetSpec::Missing::Mean);
        QCOMPARE(s.objective.dataset.preprocess, DatasetSpec::Preprocess::MinMax);
        QVERIFY(s.objective.model.hidden.empty());
        QCOMPARE(s.objective.training.loss, TrainingSpec::Loss::Huber);
        QCOMPARE(s.objective.training.schedule.type, ScheduleSpec::Type::Exponential);
        QCOMPARE(s.objective.training.schedule.gamma, 0.95); // exponential's default

        // From bytes, a relative path stays as written unless a base folder is given.
        const QByteArray bytes = readAll(specDir(QStringLiteral("good/csv-relative.json")));
        auto r = StudySpecParser::parseBytes(bytes);
        QVERIFY(r.ok());
        QCOMPARE(r->objective.dataset.sourceName, QStringLiteral("../data/house.csv"));
        QCOMPARE(r->name, QStringLiteral("csv-study"));
        r->resolvePaths(QStringLiteral("/srv/x/specs"));
        QCOMPARE(r->objective.dataset.sourceName, QStringLiteral("/srv/x/data/house.csv"));
        r->resolvePaths(QStringLiteral("/elsewhere")); // idempotent: absolute stays
        QCOMPARE(r->objective.dataset.sourceName, QStringLiteral("/srv/x/data/house.csv"));
    }

    void searchOverTheModelType() {
        const StudySpec s = mustParse(specDir(QStringLiteral("good/model-type-search.json")));
        QCOMPARE(s.objective.dataset.sourceKind, DatasetSpec::SourceKind::Synthetic);
        QCOMPARE(s.objective.dataset.synthetic.samples, 400);
        QCOMPARE(s.objective.dataset.synthetic.noise, 0.2);
        QCOMPARE(s.objective.training.earlyStopping.metric, QStringLiteral("val_f1_macro"));
        QVERIFY(!s.objective.training.earlyStopping.restoreBest);
        QCOMPARE(s.objective.model.activation, ModelSpec::Activation::Tanh);
        QVERIFY(s.objective.model.batchNorm);
        const auto space = SpecSearchSpace::build(s.searchSpace);
        QVERIFY2(space.ok(), qPrintable(space.error()));
        // Parents come before their children.
        std::vector<std::string> order;
        for (const auto& p : space->params())
            order.push_back(p.name);
        auto pos = [&](const char* n) {
            return std::find(order.begin(), order.end(), n) - order.begin();
        };
        QVERIFY(pos("model.type") < pos("model.hidden"));
        QVERIFY(pos("training.optimizer") < pos("training.momentum"));
        const ParamSpec* hidden = space->find("model.hidden");
        QCOMPARE(hidden->condition->values, std::vector<double>{1.0}); // "mlp" is choice 1
        const ParamSpec* momentum = space->find("training.momentum");
        QCOMPARE(momentum->condition->values, std::vector<double>{2.0}); // "adamw"
        QVERIFY(momentum->condition->notIn);
        QCOMPARE(space->find("model.activation")->distribution.kind(), Distribution::Kind::Fixed);
    }

    void trialObjectiveFromParams() {
        const StudySpec s = mustParse(specDir(QStringLiteral("good/model-type-search.json")));
        const auto space = SpecSearchSpace::build(s.searchSpace);
        QVERIFY(space.ok());
        ParamValues values{{"model.type", 0.0},         {"model.hidden", 0.0},
                           {"model.activation", 0.0},   {"training.optimizer", 1.0},
                           {"training.momentum", 0.75}, {"training.batch_size", 16.0},
                           {"training.schedule", 1.0},  {"training.weight_decay", 0.003}};
        const QJsonObject params = SpecSearchSpace::toJson(values, *space);
        QCOMPARE(params.value(QStringLiteral("model.type")).toString(), QStringLiteral("softmax"));
        QCOMPARE(params.value(QStringLiteral("model.hidden")).toArray(), QJsonArray{8});
        QCOMPARE(params.value(QStringLiteral("training.optimizer")).toString(),
                 QStringLiteral("nesterov"));
        QCOMPARE(params.value(QStringLiteral("training.batch_size")).toVariant().typeId(),
                 int(QMetaType::LongLong));
        const auto applied = ParamsJson::applyToObjective(s.objective.json, params);
        QVERIFY2(applied.ok(), qPrintable(applied.error()));
        const auto trial = StudySpecParser::parseObjective(applied.value(), s.metric);
        QVERIFY2(trial.ok(), qPrintable(trial.error()));
        QCOMPARE(trial->model.type, ModelSpec::Type::Softmax);
        QCOMPARE(trial->model.hidden, std::vector<int>{8});
        QCOMPARE(trial->model.activation, ModelSpec::Activation::Gelu);
        QCOMPARE(trial->training.optimizer, TrainingSpec::Optimizer::Nesterov);
        QCOMPARE(trial->training.momentum, 0.75);
        QCOMPARE(trial->training.batchSize, 16);
        QCOMPARE(trial->training.schedule.type, ScheduleSpec::Type::Cosine);
        QCOMPARE(trial->training.schedule.warmupEpochs, 2);
        QCOMPARE(trial->training.weightDecay, 0.003);
        // The rest of the objective is untouched.
        QCOMPARE(trial->training.learningRate, 0.05);
        QCOMPARE(trial->dataset.synthetic.samples, 400);
        // And the JSON values map back to the same internal values.
        const auto back = SpecSearchSpace::fromJson(params, *space);
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QCOMPARE(back.value(), values);
    }

    void trialObjectiveErrorsNameTheObjectivePath() {
        const StudySpec s = mustParse(specDir(QStringLiteral("good/iris-mlp.json")));
        QJsonObject params{{QStringLiteral("training.learning_rate"), QStringLiteral("fast")}};
        const auto applied = ParamsJson::applyToObjective(s.objective.json, params);
        QVERIFY(applied.ok());
        const auto trial = StudySpecParser::parseObjective(applied.value(), s.metric);
        QVERIFY(!trial.ok());
        QCOMPARE(trial.error(),
                 QStringLiteral(
                     "objective.training.learning_rate: expected a number > 0, got \"fast\""));
    }

    void syntaxErrorsGiveLineAndColumn() {
        const QString path = specDir(QStringLiteral("bad/syntax-missing-comma.json"));
        const auto r = StudySpecParser::parseFile(path);
        QVERIFY(!r.ok());
        // The fifth line starts the key that should have followed a comma.
        QVERIFY2(r.error().startsWith(path + QStringLiteral(":5:3: ")), qPrintable(r.error()));

        auto b = StudySpecParser::parseBytes("{\"name\": \"x\",\n \"metric\": \"ab",
                                             QStringLiteral("inline.json"));
        QVERIFY(!b.ok());
        QVERIFY2(b.error().startsWith(QStringLiteral("inline.json:2:")), qPrintable(b.error()));
        QVERIFY2(b.error().contains(QStringLiteral("unterminated string")), qPrintable(b.error()));

        // Columns count characters, not bytes.
        QCOMPARE(ParamsJson::lineColumn(QByteArray("{\"é\": x}"), 8), QStringLiteral("1:7"));
        QCOMPARE(ParamsJson::lineColumn(QByteArray("ab\ncd"), 5), QStringLiteral("2:2"));

        auto noSource = StudySpecParser::parseBytes("{");
        QVERIFY(noSource.error().startsWith(QStringLiteral("spec:1:")));
    }

    void missingFileIsAnError() {
        const auto r = StudySpecParser::parseFile(QStringLiteral("/nonexistent/spec.json"));
        QVERIFY(!r.ok());
        QVERIFY(r.error().startsWith(QStringLiteral("/nonexistent/spec.json: cannot read")));
    }

    void resumeNamesTheFirstDifference() {
        const StudySpec a = mustParse(specDir(QStringLiteral("good/iris-mlp.json")));
        QJsonObject changed = a.json;
        QJsonObject obj = changed.value(QStringLiteral("objective")).toObject();
        QJsonObject training = obj.value(QStringLiteral("training")).toObject();
        training.insert(QStringLiteral("epochs"), 60);
        obj.insert(QStringLiteral("training"), training);
        changed.insert(QStringLiteral("objective"), obj);
        QJsonObject budget = changed.value(QStringLiteral("budget")).toObject();
        budget.insert(QStringLiteral("trials"), 400); // may change on resume
        changed.insert(QStringLiteral("budget"), budget);
        const auto b = StudySpecParser::parseObject(changed);
        QVERIFY(b.ok());
        QCOMPARE(
            b->resumeMismatch(a.canonicalJson()),
            QStringLiteral(
                "the spec differs from the stored study at objective.training.epochs: 50 in the "
                "stored study, 60 in this spec"));
        // Only the budget differs: resuming is fine.
        training.insert(QStringLiteral("epochs"), 50);
        obj.insert(QStringLiteral("training"), training);
        changed.insert(QStringLiteral("objective"), obj);
        const auto c = StudySpecParser::parseObject(changed);
        QVERIFY(c->resumeMismatch(a.canonicalJson()).isEmpty());
        QVERIFY(c->canonicalJson() != a.canonicalJson());
    }

    void metricHelpers() {
        QCOMPARE(StudySpecParser::trainMetricNames().size(), 18);
        QCOMPARE(StudySpecParser::trainMetricNames(false).size(), 12);
        QVERIFY(StudySpecParser::metricMaximizes(QStringLiteral("val_f1_macro")));
        QVERIFY(!StudySpecParser::metricMaximizes(QStringLiteral("val_rmse")));
    }

    // Seeded mutations of the good specs: every result is a spec or a message with a path,
    // never a crash or an escaped exception.
    void mutationsNeverCrash() {
        tw::Random rng(12345);
        const QJsonValue replacements[] = {QJsonValue(QStringLiteral("abc")),
                                           QJsonValue(-1),
                                           QJsonValue(0),
                                           QJsonValue(1e308),
                                           QJsonValue(-1e308),
                                           QJsonValue(0.5),
                                           QJsonValue(true),
                                           QJsonValue(QJsonValue::Null),
                                           QJsonValue(QJsonArray{}),
                                           QJsonValue(QJsonObject{}),
                                           QJsonValue(QJsonArray{1, QStringLiteral("x")}),
                                           QJsonValue(9007199254740993.0),
                                           QJsonValue(QStringLiteral("{x"))};
        const QStringList files = QDir(specDir(QStringLiteral("good")))
                                      .entryList({QStringLiteral("*.json")}, QDir::Files);
        int parsed = 0, rejected = 0;
        for (const QString& f : files) {
            const QJsonObject original =
                QJsonDocument::fromJson(readAll(specDir(QStringLiteral("good/")) + f)).object();
            for (int round = 0; round < 150; ++round) {
                // Collect every path, pick one, and replace its value.
                std::vector<std::vector<QString>> paths;
                std::function<void(const QJsonValue&, std::vector<QString>)> collect =
                    [&](const QJsonValue& v, std::vector<QString> at) {
                        if (!at.empty())
                            paths.push_back(at);
                        const QJsonObject o = v.toObject();
                        if (v.isObject())
                            for (auto it = o.begin(); it != o.end(); ++it) {
                                auto next = at;
                                next.push_back(it.key());
                                collect(it.value(), next);
                            }
                    };
                collect(original, {});
                const auto& path = paths[rng.below(paths.size())];
                const QJsonValue repl = replacements[rng.below(std::size(replacements))];
                std::function<QJsonObject(QJsonObject, size_t)> set = [&](QJsonObject o, size_t i) {
                    if (i + 1 == path.size())
                        o.insert(path[i], repl);
                    else
                        o.insert(path[i], set(o.value(path[i]).toObject(), i + 1));
                    return o;
                };
                const QJsonObject mutated = set(original, 0);
                try {
                    const auto r = StudySpecParser::parseObject(mutated, QStringLiteral("m.json"),
                                                                QStringLiteral("/tmp"));
                    if (r.ok()) {
                        ++parsed;
                        QVERIFY(SpecSearchSpace::build(r->searchSpace).ok());
                    } else {
                        ++rejected;
                        QVERIFY2(r.error().startsWith(QStringLiteral("m.json: ")),
                                 qPrintable(r.error()));
                    }
                } catch (const std::exception& e) {
                    QFAIL(qPrintable(
                        QStringLiteral("%1: exception %2").arg(f, QString::fromUtf8(e.what()))));
                }
            }
        }
        QVERIFY(parsed > 0);
        QVERIFY(rejected > 0);
    }

    void nullMeansDefault() {
        const auto r = StudySpecParser::parseBytes(
            R"({"metric": "val_loss", "sampler": null,
                "objective": {"type": "train", "dataset": {"source": "builtin:iris", "split": null},
                              "training": {"epochs": null}}})");
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QCOMPARE(r->objective.training.epochs, 20);
        QCOMPARE(r->sampler.type, SamplerSpec::Type::Tpe);
        QCOMPARE(r->name, QStringLiteral("study"));
    }

    // #13: duplicate detection of categorical choices is linear (a hash of the canonical
    // text); it was pairwise, 80k choices took over two minutes.
    void manyChoicesParseQuickly() {
        QJsonArray choices;
        for (int i = 0; i < 100000; ++i)
            choices.append(i % 2 ? QJsonValue(QStringLiteral("c%1").arg(i)) : QJsonValue(i));
        const QJsonObject spec{
            {"objective", QJsonObject{{"type", "function"}, {"name", "sphere"}, {"dim", 1}}},
            {"search_space", QJsonObject{{"x0", QJsonObject{{"type", "categorical"}, {"choices", choices}}}}}};
        const QByteArray text = QJsonDocument(spec).toJson(QJsonDocument::Compact);
        QElapsedTimer clock;
        clock.start();
        const auto r = StudySpecParser::parseBytes(text);
        const qint64 ms = clock.elapsed();
        QVERIFY2(r.ok(), qPrintable(r.error()));
        qInfo("100000 choices parsed in %lld ms", ms);
        QVERIFY2(ms < 5000, qPrintable(QStringLiteral("%1 ms").arg(ms))); // generous: about 0.3 s
        QCOMPARE(r->searchSpace.params.front().choices.size(), 100000);

        choices.append(2.0); // 2 and 2.0 are the same choice
        QJsonObject space = spec.value("search_space").toObject();
        space.insert("x0", QJsonObject{{"type", "categorical"}, {"choices", choices}});
        QJsonObject dup = spec;
        dup.insert("search_space", space);
        const auto d = StudySpecParser::parseObject(dup);
        QVERIFY(!d.ok());
        QCOMPARE(d.error(), QStringLiteral("search_space.x0.choices[100000]: repeats choices[2]; choices must be distinct"));
    }

    // #13: a range whose width overflows made every sampler return low.
    void infiniteRangeWidthIsRejected() {
        const auto r = StudySpecParser::parseBytes(
            R"({"objective": {"type": "function", "name": "sphere", "dim": 1},
                "search_space": {"x0": {"type": "float", "low": -1.7e308, "high": 1.7e308}}})");
        QVERIFY(!r.ok());
        QVERIFY2(r.error().startsWith(QStringLiteral("search_space.x0: the range [")), qPrintable(r.error()));
        QVERIFY2(r.error().contains(QStringLiteral("too wide")), qPrintable(r.error()));
        QVERIFY(StudySpecParser::parseBytes(
                    R"({"objective": {"type": "function", "name": "sphere", "dim": 1},
                        "search_space": {"x0": {"type": "float", "low": -1e307, "high": 1e307}}})")
                    .ok());
    }

    // #13: a value nested 1,021 levels deep was accepted, then the stored spec could not be
    // read back. One limit now holds for the text, the form's objects and the stored copy.
    void depthLimitHoldsOnCreateAndResume() {
        auto specWith = [](int levels) {
            QJsonValue v = 1;
            for (int i = 0; i < levels; ++i)
                v = QJsonArray{v};
            return QJsonObject{{"objective", QJsonObject{{"type", "command"}, {"argv", QJsonArray{"true"}}}},
                               {"search_space",
                                QJsonObject{{"x0", QJsonObject{{"type", "float"}, {"low", 0}, {"high", 1}}},
                                            {"c", QJsonObject{{"type", "fixed"}, {"value", v}}}}}};
        };
        // Top, search_space, the parameter: three levels before the value's own.
        const int deepest = StrictJson::kMaxDepth - 3;
        const auto created = StudySpecParser::parseObject(specWith(deepest));
        QVERIFY2(created.ok(), qPrintable(created.error()));
        // What the storage keeps reads back, as a worker and a resume read it.
        const QString stored = created->canonicalJson();
        const auto again = StudySpecParser::parseBytes(stored.toUtf8(), "the stored spec");
        QVERIFY2(again.ok(), qPrintable(again.error()));
        QVERIFY(created->resumeMismatch(stored).isEmpty());
        for (const int levels : {deepest + 1, 1021}) {
            const auto text = StudySpecParser::parseBytes(QJsonDocument(specWith(levels)).toJson(), "deep.json");
            QVERIFY(!text.ok());
            QVERIFY2(text.error().contains(StrictJson::depthMessage()), qPrintable(text.error()));
            const auto object = StudySpecParser::parseObject(specWith(levels));
            QVERIFY(!object.ok());
            QVERIFY2(object.error().startsWith(QStringLiteral("search_space.c.value[0]")), qPrintable(object.error()));
            QVERIFY2(object.error().endsWith(StrictJson::depthMessage()), qPrintable(object.error()));
        }
    }

    // #13: QJsonDocument keeps the last of two equal keys; the spec reader refuses them.
    void duplicateKeysAreRejected() {
        const auto r = StudySpecParser::parseBytes(
            "{\"objective\": {\"type\": \"function\", \"name\": \"sphere\"},\n"
            " \"budget\": {\"trials\": 5, \"trials\": 500}}",
            "dup.json");
        QVERIFY(!r.ok());
        QCOMPARE(r.error(), QStringLiteral("dup.json:2:26: budget.trials: duplicate key; it is given first at "
                                           "line 2 (each key may appear once in an object)"));
        const auto params = ParamsJson::parseDocument(R"({"x": 1, "x": 2})", "p.json");
        QVERIFY(!params.ok());
        QVERIFY2(params.error().startsWith(QStringLiteral("p.json:1:10: x: duplicate key")), qPrintable(params.error()));
    }
};

QTEST_GUILESS_MAIN(TestStudySpecParser)
#include "tst_studyspecparser.moc"
