// The train objective inside a study: trials run in parallel on builtin:iris and leave
// their metrics, curve, confusion matrix, log and (for the best) model in the storage.
#include "StudySession.h"
#include "modelio/ModelFile.h"
#include "spec/StudySpecParser.h"
#include "study/InMemoryStorage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <mutex>

using namespace tw;

namespace {

QByteArray irisStudy(int trials, int cvFolds = 0)
{
    return QStringLiteral(R"({
      "name": "iris-objective", "metric": "val_accuracy",
      "objective": {"type": "train",
        "dataset": {"source": "builtin:iris", "split": {"validation": 0.2, "test": 0.2, "seed": 1}},
        "model": {"type": "mlp", "hidden": [16]},
        "training": {"learning_rate": 0.02, "batch_size": 16, "epochs": 12, "seed": 0},
        "cv_folds": %2},
      "search_space": {"training.learning_rate": {"type": "float", "low": 0.005, "high": 0.05, "log": true}},
      "sampler": {"type": "random", "seed": 3},
      "budget": {"trials": %1, "parallel": 2}
    })")
        .arg(trials)
        .arg(cvFolds)
        .toUtf8();
}

QJsonDocument json(const std::optional<std::string>& text)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(text.value_or("")));
}

} // namespace

class tst_TrialObjectives : public QObject {
    Q_OBJECT
private slots:
    void twoParallelIrisTrialsLeaveTheirArtifacts()
    {
        auto spec = StudySpecParser::parseBytes(irisStudy(2), "iris.json");
        QVERIFY2(spec.ok(), qPrintable(spec.error()));
        InMemoryStorage storage;
        auto session = StudySession::createOrResume(storage, spec.value());
        std::mutex mutex;
        std::vector<EpochEvent> events;
        StudyLoopOptions options;
        options.parallel = 2;
        StudyRunner runner;
        const auto summary = session->run(runner, options, {}, [&](const EpochEvent& e) {
            std::lock_guard lock(mutex);
            events.push_back(e);
        });
        QCOMPARE(summary.complete, 2);
        QCOMPARE(events.size(), size_t(24));

        for (const FrozenTrial& t : storage.trials(session->study().id())) {
            QVERIFY(t.state == TrialState::Complete);
            QCOMPARE(t.intermediate.size(), size_t(12));
            QCOMPARE(t.intermediate.rbegin()->first, std::int64_t(12));

            const QJsonObject metrics = json(t.systemAttrs.at("metrics")).object();
            QCOMPARE(metrics["val_accuracy"].toDouble(), *t.value);
            QVERIFY(metrics.contains("train_loss"));
            const QJsonObject test = json(t.systemAttrs.at("test_metrics")).object();
            QVERIFY(test["accuracy"].toDouble() > 0.5);
            QVERIFY(test.contains("loss"));

            const QJsonObject confusion = json(storage.artifact(t.id, "confusion")).object();
            QCOMPARE(confusion["labels"].toArray(), (QJsonArray{"setosa", "versicolor", "virginica"}));
            long long total = 0;
            for (const auto& row : confusion["counts"].toArray())
                for (const auto& c : row.toArray())
                    total += c.toInteger();
            QCOMPARE(total, 30LL);

            const QJsonArray curve = json(storage.artifact(t.id, "curve")).array();
            QCOMPARE(curve.size(), 12);
            QCOMPARE(curve[0].toObject()["step"].toInt(), 1);
            QVERIFY(curve[11].toObject().contains("train_loss"));
            QVERIFY(curve[11].toObject().contains("val_loss"));

            const std::string log = storage.trialLog(t.id, "train");
            QVERIFY2(log.find("step 12:") != std::string::npos, log.c_str());

            // Two trials: both are among the best three, so both keep their model.
            const auto model = storage.artifact(t.id, "model");
            QVERIFY(model);
            const auto loaded = ModelFile::fromBytes(QByteArray::fromStdString(*model), "artifact");
            QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
            QCOMPARE(loaded->provenance.study, std::string("iris-objective"));
            QCOMPARE(loaded->provenance.trial, t.number);
            QCOMPARE(loaded->provenance.value, *t.value);
            QVERIFY(loaded->provenance.params.contains("training.learning_rate"));
        }
    }

    void crossValidatedTrialsStoreFoldValues()
    {
        auto spec = StudySpecParser::parseBytes(irisStudy(1, 3), "iris.json");
        QVERIFY2(spec.ok(), qPrintable(spec.error()));
        InMemoryStorage storage;
        auto session = StudySession::createOrResume(storage, spec.value());
        StudyRunner runner;
        QCOMPARE(session->run(runner, {}).complete, 1);
        const FrozenTrial t = storage.trials(session->study().id()).front();
        QCOMPARE(t.intermediate.size(), size_t(36));
        QCOMPARE(t.intermediate.rbegin()->first, std::int64_t(36));
        const QJsonArray folds = json(t.systemAttrs.at("fold_values")).array();
        QCOMPARE(folds.size(), 3);
        const double mean = (folds[0].toDouble() + folds[1].toDouble() + folds[2].toDouble()) / 3.0;
        QVERIFY(std::abs(mean - *t.value) < 1e-12);
    }

    void aSpecTheDataCannotSatisfyFailsEveryTrial()
    {
        QByteArray text = irisStudy(1);
        text.replace(R"("type": "mlp")", R"("type": "linear")");
        auto spec = StudySpecParser::parseBytes(text, "iris.json");
        QVERIFY2(spec.ok(), qPrintable(spec.error()));
        InMemoryStorage storage;
        auto session = StudySession::createOrResume(storage, spec.value());
        StudyRunner runner;
        QCOMPARE(session->run(runner, {}).failed, 1);
        const FrozenTrial t = storage.trials(session->study().id()).front();
        QVERIFY(t.state == TrialState::Failed);
        QCOMPARE(t.reason, std::string("objective.model.type: \"linear\" needs a regression dataset; builtin:iris has 3 classes"));
        QVERIFY(!storage.artifact(t.id, "model"));
    }
};

QTEST_GUILESS_MAIN(tst_TrialObjectives)
#include "tst_trialobjectives.moc"
