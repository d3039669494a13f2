#include "io/BuiltinDatasets.h"
#include "objectives/TrainObjective.h"
#include "spec/StudySpecParser.h"
#include "train/Evaluator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include <atomic>
#include <numeric>
#include <thread>

using namespace tw;

namespace {

const QString kMetric = "val_accuracy";

// An iris objective; `patch` is merged into it one level deep ("training": {...} keys are
// added to the defaults here).
QJsonObject irisJson(const QJsonObject& patch = {})
{
    QJsonObject o{{"type", "train"},
                  {"dataset", QJsonObject{{"source", "builtin:iris"},
                                          {"split", QJsonObject{{"validation", 0.2}, {"test", 0.2}, {"seed", 0}}},
                                          {"preprocess", "standardize"}}},
                  {"model", QJsonObject{{"type", "mlp"}, {"hidden", QJsonArray{16}}}},
                  {"training", QJsonObject{{"optimizer", "adam"},
                                           {"learning_rate", 0.02},
                                           {"batch_size", 16},
                                           {"epochs", 20},
                                           {"seed", 0}}}};
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (it.value().isObject() && o.value(it.key()).isObject()) {
            QJsonObject merged = o.value(it.key()).toObject();
            const QJsonObject add = it.value().toObject();
            for (auto j = add.begin(); j != add.end(); ++j)
                merged.insert(j.key(), j.value());
            o.insert(it.key(), merged);
        } else {
            o.insert(it.key(), it.value());
        }
    }
    return o;
}

ObjectiveSpec parse(const QJsonObject& json, const QString& metric = kMetric)
{
    auto r = StudySpecParser::parseObjective(json, metric);
    if (!r)
        qFatal("bad test spec: %s", qPrintable(r.error()));
    return r.value();
}

Eigen::VectorXf columnMeans(const Dataset& d)
{
    Eigen::VectorXd sum = Eigen::VectorXd::Zero(d.features());
    for (Eigen::Index r = 0; r < d.rows(); ++r)
        sum += d.x.row(r).transpose().cast<double>();
    return (sum / static_cast<double>(d.rows())).cast<float>();
}

} // namespace

class tst_TrainObjective : public QObject {
    Q_OBJECT
private slots:
    void holdoutReportsEveryEpochAndScoresTheModel()
    {
        TrainObjective objective;
        std::vector<std::int64_t> reported;
        std::vector<EpochEvent> events;
        TrainObjective::Options options;
        options.trialNumber = 7;
        const auto r = objective.run(
            parse(irisJson()), kMetric, {},
            [&](std::int64_t step, double) {
                reported.push_back(step);
                return false;
            },
            [&](const EpochEvent& e) { events.push_back(e); }, options);
        QVERIFY2(r.isComplete(), r.reason.c_str());
        QCOMPARE(r.history.size(), size_t(20));
        std::vector<std::int64_t> steps(20);
        std::iota(steps.begin(), steps.end(), 1);
        QCOMPARE(reported, steps);
        QCOMPARE(events.size(), size_t(20));
        QCOMPARE(events.back().trial, 7);
        QCOMPARE(events.back().step, 20LL);
        QCOMPARE(events.back().value, r.history.back().value);
        QVERIFY(events.back().metrics.count("train_loss"));
        QVERIFY(events.back().metrics.count("val_loss"));

        QCOMPARE(r.value, r.metrics.at("val_accuracy"));
        QCOMPARE(r.value, r.history.back().value);  // no early stopping: the last epoch
        QVERIFY2(r.value > 0.85, qPrintable(QString::number(r.value)));
        QVERIFY(r.testMetrics.count("accuracy"));
        QVERIFY(r.testMetrics.count("loss"));
        QVERIFY(!r.testMetrics.count("test_accuracy"));

        QVERIFY(r.confusion);
        QCOMPARE(r.confusion->labels, (std::vector<std::string>{"setosa", "versicolor", "virginica"}));
        long long total = 0, diagonal = 0;
        for (size_t t = 0; t < 3; ++t)
            for (size_t p = 0; p < 3; ++p) {
                total += r.confusion->counts[t][p];
                diagonal += t == p ? r.confusion->counts[t][p] : 0;
            }
        QCOMPARE(total, 30LL);
        QCOMPARE(double(diagonal) / double(total), r.value);

        QVERIFY(r.model);
        QCOMPARE(r.model->classLabels, r.confusion->labels);
        QCOMPARE(r.model->inputs.size(), size_t(4));
        QCOMPARE(r.model->targetName, std::string("species"));
        QCOMPARE(r.model->provenance.metric, std::string("val_accuracy"));
        QCOMPARE(r.model->provenance.dataset, std::string("builtin:iris"));

        // The saved model, on the raw test rows, scores what the objective reported.
        const LoadedDataset iris = BuiltinDatasets::load("iris");
        const SplitIndices split = DataSplitter::holdout(iris.data, 0.2, 0.2, true, 0);
        const Dataset test = iris.data.subset(split.test);
        const Eigen::MatrixXf p = r.model->predict(test.x);
        int right = 0;
        for (Eigen::Index i = 0; i < p.rows(); ++i) {
            Eigen::Index k;
            p.row(i).maxCoeff(&k);
            right += k == static_cast<Eigen::Index>(test.y(i)) ? 1 : 0;
        }
        QCOMPARE(double(right) / double(test.rows()), r.testMetrics.at("accuracy"));
    }

    void crossValidationNumbersStepsAndAveragesFolds()
    {
        TrainObjective objective;
        std::vector<std::int64_t> reported;
        const auto r = objective.run(parse(irisJson({{"cv_folds", 3}, {"training", QJsonObject{{"epochs", 5}}}})),
                                     kMetric, {}, [&](std::int64_t step, double) {
                                         reported.push_back(step);
                                         return false;
                                     });
        QVERIFY2(r.isComplete(), r.reason.c_str());
        std::vector<std::int64_t> steps(15);
        std::iota(steps.begin(), steps.end(), 1);
        QCOMPARE(reported, steps);  // fold f, epoch e: f * 5 + e
        QCOMPARE(r.history.size(), size_t(15));
        QCOMPARE(r.history[7].fold, 1);
        QCOMPARE(r.history[7].epoch, 3);
        QCOMPARE(r.history[7].step, std::int64_t(8));
        QCOMPARE(r.foldValues.size(), size_t(3));
        // Each fold's value is its last epoch's (no early stopping); the result is the mean.
        for (int f = 0; f < 3; ++f)
            QCOMPARE(r.foldValues[size_t(f)], r.history[size_t(f * 5 + 4)].value);
        const double mean = (r.foldValues[0] + r.foldValues[1] + r.foldValues[2]) / 3.0;
        QVERIFY(std::abs(r.value - mean) < 1e-12);
        QCOMPARE(r.metrics.at("val_accuracy"), r.value);
        // Out-of-fold confusion: every row of the pool (150 - 30 test rows) once.
        long long total = 0;
        for (const auto& row : r.confusion->counts)
            total += std::accumulate(row.begin(), row.end(), 0LL);
        QCOMPARE(total, 120LL);
    }

    void pruningActsBetweenFolds()
    {
        TrainObjective objective;
        const auto r = objective.run(parse(irisJson({{"cv_folds", 3}, {"training", QJsonObject{{"epochs", 5}}}})),
                                     kMetric, {}, [](std::int64_t step, double) { return step == 7; });
        QCOMPARE(r.status, TrainObjectiveResult::Status::Pruned);
        QCOMPARE(r.reason, std::string("pruned at step 7"));
        QCOMPARE(r.history.size(), size_t(7));
        QVERIFY(!r.model);
    }

    void stopTokenCancels()
    {
        TrainObjective objective;
        std::stop_source source;
        const auto r = objective.run(parse(irisJson()), kMetric, source.get_token(), [&](std::int64_t step, double) {
            if (step == 3)
                source.request_stop();
            return false;
        });
        QCOMPARE(r.status, TrainObjectiveResult::Status::Cancelled);
        QCOMPARE(r.history.size(), size_t(3));
    }

    // No leakage: the preprocessing saved with the model is fitted on the training rows.
    void preprocessingSeesOnlyTrainingRows()
    {
        TrainObjective objective;
        const auto r = objective.run(parse(irisJson({{"training", QJsonObject{{"epochs", 1}}}})), kMetric);
        QVERIFY2(r.isComplete(), r.reason.c_str());
        const LoadedDataset iris = BuiltinDatasets::load("iris");
        const SplitIndices split = DataSplitter::holdout(iris.data, 0.2, 0.2, true, 0);
        const Eigen::VectorXf trainMean = columnMeans(iris.data.subset(split.train));
        QVERIFY((r.model->preprocessor.offset() - trainMean).cwiseAbs().maxCoeff() < 1e-5f);
        QVERIFY((r.model->preprocessor.offset() - columnMeans(iris.data)).cwiseAbs().maxCoeff() > 1e-3f);

        // With folds, the kept model's preprocessing is its own fold's.
        const auto cv = objective.run(parse(irisJson({{"cv_folds", 4}, {"training", QJsonObject{{"epochs", 1}}}})),
                                      kMetric);
        QVERIFY2(cv.isComplete(), cv.reason.c_str());
        const auto folds = DataSplitter::crossValidation(iris.data, 0.2, 4, true, 0);
        bool matched = false;
        for (const auto& f : folds)
            matched = matched ||
                      (cv.model->preprocessor.offset() - columnMeans(iris.data.subset(f.train))).cwiseAbs().maxCoeff() <
                          1e-5f;
        QVERIFY(matched);
    }

    void earlyStoppingValueComesFromTheRestoredEpoch()
    {
        TrainObjective objective;
        const auto r = objective.run(
            parse(irisJson({{"training", QJsonObject{{"epochs", 80}, {"learning_rate", 0.05},
                                                     {"early_stopping", QJsonObject{{"patience", 3}}}}}})),
            kMetric);
        QVERIFY2(r.isComplete(), r.reason.c_str());
        QVERIFY2(r.history.size() < 80, "early stopping did not stop");
        double best = -1.0;
        for (const auto& e : r.history)
            best = std::max(best, e.value);
        QCOMPARE(r.value, best);
    }

    void badSpecsAndDataFailWithTheirReason()
    {
        TrainObjective objective;
        auto r = objective.run(parse(irisJson({{"model", QJsonObject{{"type", "linear"}}}})), kMetric);
        QCOMPARE(r.status, TrainObjectiveResult::Status::Failed);
        QVERIFY(r.badInput);
        QCOMPARE(r.reason,
                 std::string("objective.model.type: \"linear\" needs a regression dataset; builtin:iris has 3 classes"));

        r = objective.run(parse(irisJson(), "val_r2"), "val_r2");
        QCOMPARE(r.status, TrainObjectiveResult::Status::Failed);
        QCOMPARE(r.reason,
                 std::string("metric: \"val_r2\" needs a regression dataset; builtin:iris is a classification dataset"));

        r = objective.run(parse(irisJson({{"dataset", QJsonObject{{"split", QJsonObject{{"validation", 0}}}}}})), kMetric);
        QCOMPARE(r.status, TrainObjectiveResult::Status::Failed);
        QVERIFY2(r.reason.find("needs validation rows") != std::string::npos, r.reason.c_str());

        r = objective.run(parse(irisJson({{"dataset", QJsonObject{{"source", "csv:/nonexistent/x.csv"}}}})), kMetric);
        QCOMPARE(r.status, TrainObjectiveResult::Status::Failed);
        QVERIFY(r.badInput);
        QVERIFY2(r.reason.find("no such file") != std::string::npos, r.reason.c_str());

        // An image augmentation on a table.
        r = objective.run(parse(irisJson({{"dataset", QJsonObject{{"augment", QJsonArray{QJsonObject{{"type", "shift"}}}}}}})),
                          kMetric);
        QCOMPARE(r.status, TrainObjectiveResult::Status::Failed);
        QVERIFY(r.badInput);
    }

    void divergenceFailsWithAReason()
    {
        TrainObjective objective;
        const QJsonObject json{{"type", "train"},
                               {"dataset", QJsonObject{{"source", "builtin:diabetes"}, {"preprocess", "none"}}},
                               {"model", QJsonObject{{"type", "linear"}}},
                               {"training", QJsonObject{{"optimizer", "sgd"}, {"learning_rate", 1e6}, {"epochs", 5}}}};
        const auto r = objective.run(parse(json, "val_rmse"), "val_rmse");
        QCOMPARE(r.status, TrainObjectiveResult::Status::Failed);
        QVERIFY(!r.badInput);
        QVERIFY2(r.reason.find("epoch") != std::string::npos, r.reason.c_str());
    }

    void parallelTrialsLoadTheDatasetOnce()
    {
        TrainObjective objective;
        const ObjectiveSpec spec = parse(irisJson({{"training", QJsonObject{{"epochs", 2}}}}));
        std::atomic<int> complete{0};
        std::vector<std::thread> threads;
        for (int i = 0; i < 4; ++i)
            threads.emplace_back([&] {
                if (objective.run(spec, kMetric).isComplete())
                    ++complete;
            });
        for (auto& t : threads)
            t.join();
        QCOMPARE(complete.load(), 4);
        QCOMPARE(objective.cache().loadCount(), 1);
        QCOMPARE(objective.cache().foldCount(), 1);
        // Another split of the same data reuses the load, not the folds.
        QVERIFY(objective.run(parse(irisJson({{"cv_folds", 3}, {"training", QJsonObject{{"epochs", 1}}}})), kMetric)
                    .isComplete());
        QCOMPARE(objective.cache().loadCount(), 1);
        QCOMPARE(objective.cache().foldCount(), 2);
    }

    void zeroEpochsKeepTheInitialWeights()
    {
        TrainObjective objective;
        const ObjectiveSpec spec = parse(irisJson({{"training", QJsonObject{{"epochs", 0}, {"seed", 5}}}}));
        const auto r = objective.run(spec, kMetric);
        QVERIFY2(r.isComplete(), r.reason.c_str());
        QVERIFY(r.history.empty());
        QVERIFY(r.model->model.parameters() == Model(r.model->model.architecture(), 5).parameters());
        QVERIFY(r.metrics.count("val_accuracy"));
    }

    void initModelContinuesFromItsWeights()
    {
        TrainObjective objective;
        const auto first = objective.run(parse(irisJson({{"training", QJsonObject{{"epochs", 5}}}})), kMetric);
        QVERIFY(first.isComplete());
        TrainObjective::Options options;
        options.initModel = &*first.model;
        const auto again = objective.run(parse(irisJson({{"training", QJsonObject{{"epochs", 0}}}})), kMetric, {}, {},
                                         {}, options);
        QVERIFY2(again.isComplete(), again.reason.c_str());
        QVERIFY(again.model->model.parameters() == first.model->model.parameters());
        QCOMPARE(again.value, first.value);

        const auto wrong = objective.run(parse(irisJson({{"model", QJsonObject{{"hidden", QJsonArray{8}}}}})), kMetric,
                                         {}, {}, {}, options);
        QCOMPARE(wrong.status, TrainObjectiveResult::Status::Failed);
        QVERIFY(wrong.badInput);
        QCOMPARE(wrong.reason, std::string("the initial model is a mlp 4-16-3 (softmax output), the spec builds a "
                                           "mlp 4-8-3 (softmax output)"));
    }

    void augmentationChangesTheTrainingRows()
    {
        TrainObjective objective;
        const auto plain = objective.run(parse(irisJson({{"training", QJsonObject{{"epochs", 3}}}})), kMetric);
        const auto noisy = objective.run(
            parse(irisJson({{"training", QJsonObject{{"epochs", 3}}},
                            {"dataset", QJsonObject{{"augment", QJsonArray{QJsonObject{{"type", "gaussian_noise"},
                                                                                       {"std", 0.3}}}}}}})),
            kMetric);
        QVERIFY(plain.isComplete() && noisy.isComplete());
        QVERIFY(plain.history[0].metrics.at("train_loss") != noisy.history[0].metrics.at("train_loss"));
        // The same seed gives the same noise: a rerun is identical.
        const auto again = objective.run(
            parse(irisJson({{"training", QJsonObject{{"epochs", 3}}},
                            {"dataset", QJsonObject{{"augment", QJsonArray{QJsonObject{{"type", "gaussian_noise"},
                                                                                       {"std", 0.3}}}}}}})),
            kMetric);
        QCOMPARE(again.history.back().metrics, noisy.history.back().metrics);
    }

    void forTrialSetsParamsByDottedPath()
    {
        const auto spec = TrainObjective::forTrial(irisJson(), QJsonObject{{"training.learning_rate", 0.5},
                                                                           {"model.hidden", QJsonArray{3, 2}}},
                                                   kMetric);
        QVERIFY2(spec.ok(), qPrintable(spec.error()));
        QCOMPARE(spec->training.learningRate, 0.5);
        QCOMPARE(spec->model.hidden, (std::vector<int>{3, 2}));
        const auto bad = TrainObjective::forTrial(irisJson(), QJsonObject{{"training.nope", 1}}, kMetric);
        QVERIFY(!bad.ok());
    }
};

QTEST_GUILESS_MAIN(tst_TrainObjective)
#include "tst_trainobjective.moc"
