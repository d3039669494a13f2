#include "spec/ParamsJson.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace tw;

namespace {
QJsonObject objective() {
    return QJsonObject{
        {QStringLiteral("type"), QStringLiteral("train")},
        {QStringLiteral("model"), QJsonObject{{QStringLiteral("hidden"), QJsonArray{64}}}},
        {QStringLiteral("training"), QJsonObject{{QStringLiteral("learning_rate"), 0.001}}},
    };
}
} // namespace

class TestParamsJson : public QObject {
    Q_OBJECT

private slots:
    void appliesDottedPaths() {
        const QJsonObject params{{QStringLiteral("training.learning_rate"), 0.01},
                                 {QStringLiteral("model.hidden"), QJsonArray{32, 16}},
                                 {QStringLiteral("training.momentum"), 0.8}};
        const auto r = ParamsJson::applyToObjective(objective(), params);
        QVERIFY2(r.ok(), qPrintable(r.error()));
        const QJsonObject training = r->value(QStringLiteral("training")).toObject();
        QCOMPARE(training.value(QStringLiteral("learning_rate")).toDouble(), 0.01);
        QCOMPARE(training.value(QStringLiteral("momentum")).toDouble(), 0.8); // added
        QCOMPARE(
            r->value(QStringLiteral("model")).toObject().value(QStringLiteral("hidden")).toArray(),
            (QJsonArray{32, 16}));
        QCOMPARE(r->value(QStringLiteral("type")).toString(), QStringLiteral("train"));
        // The input is not changed.
        QCOMPARE(objective()
                     .value(QStringLiteral("training"))
                     .toObject()
                     .value(QStringLiteral("learning_rate"))
                     .toDouble(),
                 0.001);
    }

    void pathErrors() {
        auto r = ParamsJson::applyToObjective(
            objective(), {{QStringLiteral("training.schedule.type"), QStringLiteral("step")}});
        QVERIFY(!r.ok());
        QCOMPARE(r.error(),
                 QStringLiteral(
                     "params[\"training.schedule.type\"]: objective.training.schedule does not "
                     "exist; add it to objective first"));
        r = ParamsJson::applyToObjective(objective(), {{QStringLiteral("model.hidden.x"), 1}});
        QCOMPARE(r.error(), QStringLiteral("params[\"model.hidden.x\"]: objective.model.hidden is an "
                                           "array; expected an index (0, 1, ...), got \"x\""));
        r = ParamsJson::applyToObjective(objective(), {{QStringLiteral("model.hidden.0.x"), 1}});
        QCOMPARE(
            r.error(),
            QStringLiteral("params[\"model.hidden.0.x\"]: objective.model.hidden[0] is not an object"));
        r = ParamsJson::applyToObjective(objective(), {{QStringLiteral("model.type.x"), 1}});
        QCOMPARE(r.error(), QStringLiteral("params[\"model.type.x\"]: objective.model.type does not exist; "
                                           "add it to objective first"));
        r = ParamsJson::applyToObjective(objective(), {{QStringLiteral("model..x"), 1}});
        QCOMPARE(r.error(),
                 QStringLiteral(
                     "params[\"model..x\"]: not a dotted path into objective (an empty part)"));
    }

    // #15: a segment of digits indexes an array, so a key reaches into one conv block;
    // the path in a message is printed JSON-style.
    void digitSegmentsIndexArrays() {
        QJsonObject o = objective();
        QJsonObject model = o.value(QStringLiteral("model")).toObject();
        model.insert(QStringLiteral("conv"),
                     QJsonArray{QJsonObject{{QStringLiteral("filters"), 8}},
                                QJsonObject{{QStringLiteral("filters"), 16}, {QStringLiteral("pool"), 2}}});
        o.insert(QStringLiteral("model"), model);
        auto r = ParamsJson::applyToObjective(o, {{QStringLiteral("model.conv.1.filters"), 32},
                                                  {QStringLiteral("model.conv.0.kernel"), 5},
                                                  {QStringLiteral("model.hidden.0"), 7}});
        QVERIFY2(r.ok(), qPrintable(r.error()));
        const QJsonObject m = r->value(QStringLiteral("model")).toObject();
        const QJsonArray conv = m.value(QStringLiteral("conv")).toArray();
        QCOMPARE(conv.size(), 2);
        QCOMPARE(conv[0].toObject(), (QJsonObject{{QStringLiteral("filters"), 8}, {QStringLiteral("kernel"), 5}}));
        QCOMPARE(conv[1].toObject(), (QJsonObject{{QStringLiteral("filters"), 32}, {QStringLiteral("pool"), 2}}));
        QCOMPARE(m.value(QStringLiteral("hidden")).toArray(), QJsonArray{7});

        r = ParamsJson::applyToObjective(o, {{QStringLiteral("model.conv.2.filters"), 4}});
        QVERIFY(!r.ok());
        QCOMPARE(r.error(), QStringLiteral("params[\"model.conv.2.filters\"]: objective.model.conv[2] does not "
                                           "exist: objective.model.conv has 2 elements"));
        // model.conv first (the keys are applied in order), then a key into its new block.
        r = ParamsJson::applyToObjective(
            o, {{QStringLiteral("model.conv"), QJsonArray{QJsonObject{{QStringLiteral("filters"), 4}}}},
                {QStringLiteral("model.conv.0.filters"), 12}});
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QCOMPARE(r->value(QStringLiteral("model")).toObject().value(QStringLiteral("conv")).toArray(),
                 (QJsonArray{QJsonObject{{QStringLiteral("filters"), 12}}}));
    }

    void documents() {
        auto bare = ParamsJson::parseDocument(R"({"training.learning_rate": 0.01})");
        QVERIFY(bare.ok());
        QCOMPARE(bare->value(QStringLiteral("training.learning_rate")).toDouble(), 0.01);

        auto best = ParamsJson::parseDocument(
            R"({"study": "iris", "trial": 7, "metric": "val_accuracy", "value": 0.97,
                "params": {"model.hidden": [64, 64], "training.learning_rate": 0.003}})");
        QVERIFY(best.ok());
        QCOMPARE(best->keys(), (QStringList{QStringLiteral("model.hidden"),
                                            QStringLiteral("training.learning_rate")}));

        // A bare object that merely has a parameter called "params" stays bare.
        auto named = ParamsJson::parseDocument(R"({"params": {"a": 1}, "lr": 2})");
        QCOMPARE(named->keys(), (QStringList{QStringLiteral("lr"), QStringLiteral("params")}));

        auto broken = ParamsJson::parseDocument("{\"a\": ", QStringLiteral("p.json"));
        QVERIFY(!broken.ok());
        QVERIFY2(broken.error().startsWith(QStringLiteral("p.json:1:")),
                 qPrintable(broken.error()));
        auto array = ParamsJson::parseDocument("[1]");
        QCOMPARE(array.error(),
                 QStringLiteral(
                     "params: expected a JSON object of parameter name -> value, got an array"));
    }

    void atFile() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile f(dir.filePath(QStringLiteral("best.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            R"({"study": "s", "trial": 1, "metric": "value", "value": 0.5, "params": {"x": 1.5}})");
        f.close();
        auto r = ParamsJson::readArgument(QStringLiteral("@best.json"), dir.path());
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QCOMPARE(r->value(QStringLiteral("x")).toDouble(), 1.5);
        auto inline_ = ParamsJson::readArgument(QStringLiteral(R"({"x": 2})"));
        QCOMPARE(inline_->value(QStringLiteral("x")).toInt(), 2);
        auto missing = ParamsJson::readArgument(QStringLiteral("@nope.json"), dir.path());
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().startsWith(QStringLiteral("nope.json: cannot read")),
                 qPrintable(missing.error()));
        QCOMPARE(ParamsJson::readArgument(QStringLiteral("@")).error(),
                 QStringLiteral("--params @FILE: the file name is missing"));
    }
};

QTEST_GUILESS_MAIN(TestParamsJson)
#include "tst_paramsjson.moc"
