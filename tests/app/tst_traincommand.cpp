// tunewright-cli train and predict, run as a user (and a study) would run them.
#include "ml/ModelArchitecture.h"
#include "modelio/ModelFile.h"
#include "objectives/CommandRunner.h"

#include "objectives/TrainArtifacts.h"
#include "support/ProgramRun.h"
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace tw;

namespace {

using tw::test::runCli;

QString irisSpec(int epochs, const QString& extraTraining = {})
{
    return QString(R"({
      "name": "iris-cli", "metric": "val_accuracy",
      "objective": {"type": "train",
        "dataset": {"source": "builtin:iris", "split": {"validation": 0.2, "test": 0.2, "seed": 2}},
        "model": {"type": "mlp", "hidden": [12]},
        "training": {"learning_rate": 0.03, "batch_size": 16, "epochs": %1, "seed": 1%2}},
      "search_space": {"training.learning_rate": {"type": "float", "low": 0.001, "high": 0.1, "log": true}},
      "sampler": {"type": "random"}
    })")
        .arg(epochs)
        .arg(extraTraining);
}

QString write(const QTemporaryDir& dir, const QString& name, const QString& text)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write(text.toUtf8());
    return path;
}

std::vector<QJsonObject> jsonLines(const QString& out)
{
    std::vector<QJsonObject> lines;
    for (const QString& line : out.split('\n', Qt::SkipEmptyParts)) {
        QJsonParseError e;
        const QJsonDocument doc = QJsonDocument::fromJson(line.toUtf8(), &e);
        if (e.error != QJsonParseError::NoError || !doc.isObject())
            qFatal("not a JSON object line: %s", qPrintable(line));
        lines.push_back(doc.object());
    }
    return lines;
}

const char* kIrisRows = "sepal_width_cm,species,petal_width_cm,sepal_length_cm,petal_length_cm\n"
                        "3.5,setosa,0.2,5.1,1.4\n"
                        "3.2,versicolor,1.5,6.4,4.5\n"
                        "3.0,virginica,2.1,7.1,5.9\n";

} // namespace

class tst_TrainCommand : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(tw::test::binPath(QStringLiteral("tunewright-cli"))),
                 "build the tunewright-cli target first");
    }

    void printsOneJsonLinePerEpochAndAResultLine()
    {
        QTemporaryDir dir;
        const auto r = runCli({"train", write(dir, "iris.json", irisSpec(4))});
        QCOMPARE(r.exitCode, 0);
        const auto lines = jsonLines(r.out);
        QCOMPARE(lines.size(), size_t(5));
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(lines[size_t(i)]["step"].toInt(), i + 1);
            const QJsonObject m = lines[size_t(i)]["metrics"].toObject();
            QCOMPARE(lines[size_t(i)]["value"].toDouble(), m["val_accuracy"].toDouble());
            QVERIFY(m.contains("train_loss") && m.contains("val_loss"));
        }
        const QJsonObject last = lines.back();
        QVERIFY(!last.contains("step"));
        QCOMPARE(last["value"].toDouble(), last["metrics"].toObject()["val_accuracy"].toDouble());
        const QJsonObject test = last["test"].toObject();
        QVERIFY(test["accuracy"].toDouble() > 0.0 && test["accuracy"].toDouble() <= 1.0);
        QVERIFY(test.contains("loss"));
    }

    // The output is the command-objective protocol: a study can run the CLI as its objective.
    void isAValidCommandObjective()
    {
        QTemporaryDir dir;
        const QString spec = write(dir, "iris.json", irisSpec(3));
        CommandRunner::Request request;
        request.argv = {tw::test::binPath(QStringLiteral("tunewright-cli")), "train", spec,
                        "--params", "{{\"training.learning_rate\": {lr}}}"};
        request.workdir = dir.path();
        request.params = QJsonObject{{"lr", 0.02}};
        std::vector<long long> steps;
        const auto result = CommandRunner::run(request, [&](long long step, double) {
            steps.push_back(step);
            return false;
        }, {});
        QCOMPARE(result.status, CommandRunner::Status::Complete);
        QCOMPARE(steps, (std::vector<long long>{1, 2, 3}));
        QVERIFY(result.value && *result.value > 0.0);
    }

    void paramsTakeABareObjectOrAnExportedBestFile()
    {
        QTemporaryDir dir;
        const QString spec = write(dir, "iris.json", irisSpec(4));
        auto r = runCli({"train", spec, "--params", R"({"training.epochs": 2, "model.hidden": [5]})"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(jsonLines(r.out).size(), size_t(3));
        const QString best = write(dir, "best.json",
                                   R"({"study": "iris-cli", "trial": 3, "metric": "val_accuracy", "value": 0.9,
                                       "params": {"training.epochs": 1}})");
        r = runCli({"train", spec, "--params", "@" + best});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(jsonLines(r.out).size(), size_t(2));
        r = runCli({"train", spec, "--params", R"({"training.nope": 1})"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("training.nope"), qPrintable(r.err));
    }

    // #15: a CNN on builtin:digits (1x8x8) trains from the CLI, learns, and its model
    // file keeps the conv blocks.
    void cnnOnDigitsLearnsAndSavesItsBlocks()
    {
        QTemporaryDir dir;
        const QString spec = write(dir, "digits-cnn.json", R"({
          "name": "digits-cnn", "metric": "val_accuracy",
          "objective": {"type": "train",
            "dataset": {"source": "builtin:digits", "split": {"validation": 0.2, "test": 0.2, "seed": 3}},
            "model": {"type": "cnn", "conv": [{"filters": 8, "kernel": 3, "pool": 2}],
                      "hidden": [32], "batch_norm": true},
            "training": {"learning_rate": 0.01, "batch_size": 32, "epochs": 8, "seed": 4}},
          "search_space": {"model.conv.0.filters": {"type": "int", "low": 4, "high": 16}},
          "sampler": {"type": "random"}
        })");
        const QString model = dir.filePath("digits.model.json");
        const QString mistakes = dir.filePath("misclassified.json");
        const auto r = runCli({"train", spec, "--save-model", model, "--save-misclassified", mistakes});
        QCOMPARE(r.exitCode, 0);
        const auto lines = jsonLines(r.out);
        QCOMPARE(lines.size(), size_t(9));
        // The misclassified validation rows, as a study keeps them: what the accuracy says.
        QFile file(mistakes);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto rows = TrainArtifacts::readMisclassified(file.readAll());
        QVERIFY(rows);
        const double valAccuracy = lines.back()["metrics"].toObject()["val_accuracy"].toDouble();
        QCOMPARE(rows->validationRows, 359LL);
        QCOMPARE(rows->total, std::llround((1.0 - valAccuracy) * 359));
        QCOMPARE(static_cast<long long>(rows->rows.size()), std::min<long long>(rows->total, 64));
        const QJsonObject test = lines.back()["test"].toObject();
        // Chance is 0.1; a few epochs of this small CNN score far above it.
        QVERIFY2(test["accuracy"].toDouble() > 0.8, qPrintable(QString::number(test["accuracy"].toDouble())));
        const auto loaded = ModelFile::load(model);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        const ModelArchitecture& a = loaded->model.architecture();
        QCOMPARE(a.typeName(), std::string("cnn"));
        QCOMPARE(a.inputShape, std::optional<ImageShape>(ImageShape{1, 8, 8}));
        QCOMPARE(a.conv.size(), size_t(1));
        QCOMPARE(a.conv[0].filters, 8);
        QCOMPARE(a.conv[0].pool, 2);

        // --params reaches into a block.
        const auto wide = runCli({"train", spec, "--params", R"({"model.conv.0.filters": 4, "training.epochs": 1})"});
        QCOMPARE(wide.exitCode, 0);
        const auto bad = runCli({"train", spec, "--params", R"({"model.conv.1.filters": 4})"});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("objective.model.conv[1] does not exist"), qPrintable(bad.err));
    }

    // #15: a CNN on a dataset without an image shape is refused before training, saying
    // what to add.
    void cnnWithoutImagesIsBadInput()
    {
        QTemporaryDir dir;
        QString text = irisSpec(1);
        text.replace(R"("type": "mlp")", R"("type": "cnn")");
        const auto r = runCli({"train", write(dir, "iris-cnn.json", text)});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("objective.model.type") && r.err.contains("image_shape"), qPrintable(r.err));
        // Misclassified images need images: refused before training.
        const auto noImages = runCli({"train", write(dir, "iris.json", irisSpec(1)), "--save-misclassified",
                                      dir.filePath("m.json")});
        QCOMPARE(noImages.exitCode, 2);
        QVERIFY2(noImages.err.contains("--save-misclassified: builtin:iris has no image shape"), qPrintable(noImages.err));
        QVERIFY(!QFile::exists(dir.filePath("m.json")));
    }

    void savedModelPredictsACsv()
    {
        QTemporaryDir dir;
        const QString model = dir.filePath("iris.model.json");
        auto r = runCli({"train", write(dir, "iris.json", irisSpec(40)), "--save-model", model});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.contains("wrote"));
        const auto loaded = ModelFile::load(model);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QCOMPARE(loaded->provenance.study, std::string("iris-cli"));

        // Columns in another order than training, with the target among them: by name.
        const QString rows = write(dir, "rows.csv", kIrisRows);
        r = runCli({"predict", "--model", model, "--data", rows});
        QCOMPARE(r.exitCode, 0);
        const QStringList out = r.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(out.size(), 4);
        QCOMPARE(out[0], QString("species,p_setosa,p_versicolor,p_virginica"));
        QVERIFY2(out[1].startsWith("setosa,"), qPrintable(out[1]));
        QVERIFY2(out[3].startsWith("virginica,"), qPrintable(out[3]));
        double sum = 0;
        for (const QString& p : out[2].split(',').mid(1))
            sum += p.toDouble();
        QVERIFY(std::abs(sum - 1.0) < 1e-5);

        const QString file = dir.filePath("pred.csv");
        r = runCli({"predict", "--model", model, "--data", rows, "--out", file});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.isEmpty());
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts), out);
    }

    void zeroEpochsSaveTheInitialWeightsAndInitModelResumesThem()
    {
        QTemporaryDir dir;
        const QString spec = write(dir, "iris0.json", irisSpec(0));
        const QString first = dir.filePath("first.json");
        auto r = runCli({"train", spec, "--save-model", first});
        QCOMPARE(r.exitCode, 0);
        const auto lines = jsonLines(r.out);
        QCOMPARE(lines.size(), size_t(1));  // no epochs: the result line only
        const auto a = ModelFile::load(first);
        QVERIFY2(a.ok(), qPrintable(a.error()));
        QVERIFY(a->model.parameters() == Model(a->model.architecture(), 1).parameters());

        // Starting from a saved model with epochs 0 keeps its weights exactly.
        const QString second = dir.filePath("second.json");
        r = runCli({"train", spec, "--init-model", first, "--save-model", second});
        QCOMPARE(r.exitCode, 0);
        const auto b = ModelFile::load(second);
        QVERIFY(b.ok());
        QVERIFY(b->model.parameters() == a->model.parameters());

        // Another shape: a clear error.
        r = runCli({"train", spec, "--init-model", first, "--params", R"({"model.hidden": [7]})"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("the initial model is a mlp 4-12-3 (softmax output), the spec builds a mlp 4-7-3"),
                 qPrintable(r.err));
    }

    void badInputExitsTwoWithAMessage()
    {
        QTemporaryDir dir;
        QString text = irisSpec(3);
        text.replace("\"learning_rate\": 0.03", "\"learning_rate\": \"abc\"");
        auto r = runCli({"train", write(dir, "bad.json", text)});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("objective.training.learning_rate: expected a number"), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());

        r = runCli({"train", dir.filePath("missing.json")});
        QCOMPARE(r.exitCode, 2);

        r = runCli({"train"});
        QCOMPARE(r.exitCode, 2);

        const QString command = write(dir, "command.json", R"({"objective": {"type": "function", "name": "branin"}})");
        r = runCli({"train", command});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("needs a \"train\" objective"), qPrintable(r.err));

        text = irisSpec(3);
        text.replace("\"type\": \"mlp\"", "\"type\": \"linear\"");
        r = runCli({"train", write(dir, "linear.json", text)});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("\"linear\" needs a regression dataset"), qPrintable(r.err));

        r = runCli({"train", write(dir, "ok.json", irisSpec(1)), "--init-model", write(dir, "junk.json", "[1]")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("junk.json: (root): expected an object"), qPrintable(r.err));
    }

    // #13 item 20: a split the data cannot satisfy says so in the spec's words, never with
    // the splitter's internal name (it read "DataSplitter::holdout(): ...").
    void tooFewRowsNameTheSpecKeys()
    {
        QTemporaryDir dir;
        write(dir, "two.csv", "x,y\n1,a\n2,b\n");
        const QString spec = write(dir, "two.json", R"({"name": "two", "metric": "val_accuracy",
            "objective": {"type": "train", "dataset": {"source": "csv:two.csv"}, "training": {"epochs": 1}},
            "search_space": {}})");
        auto r = runCli({"train", spec});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("objective.dataset.split does not fit the data: 2 rows leave no training rows"),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains("lower split.validation or split.test, or use more rows"), qPrintable(r.err));
        QVERIFY2(!r.err.contains("::"), qPrintable(r.err));
    }

    void divergenceExitsThree()
    {
        QTemporaryDir dir;
        const QString spec = write(dir, "diverge.json", R"({
          "metric": "val_rmse",
          "objective": {"type": "train", "dataset": {"source": "builtin:diabetes", "preprocess": "none"},
                        "model": {"type": "linear"},
                        "training": {"optimizer": "sgd", "learning_rate": 1e6, "epochs": 3}}})");
        const auto r = runCli({"train", spec});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("training failed"), qPrintable(r.err));
    }

    void predictRejectsBadInput()
    {
        QTemporaryDir dir;
        const QString model = dir.filePath("m.json");
        QCOMPARE(runCli({"train", write(dir, "iris.json", irisSpec(1)), "--save-model", model}).exitCode, 0);
        auto r = runCli({"predict", "--model", model, "--data", write(dir, "x.csv", "petal_width,species\n1,setosa\n")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("x.csv:1:1: expected a header row naming the model's columns; missing: "),
                 qPrintable(r.err));
        r = runCli({"predict", "--model", write(dir, "bad.json", "{}"), "--data", dir.filePath("x.csv")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("bad.json: format: missing required key"), qPrintable(r.err));
        r = runCli({"predict", "--model", model});
        QCOMPARE(r.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(tst_TrainCommand)
#include "tst_traincommand.moc"
