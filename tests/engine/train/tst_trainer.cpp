// ctest-labels: unit tsan
#include "train/Evaluator.h"
#include "train/Trainer.h"
#include "support/SyntheticData.h"

#include <Eigen/QR>
#include <QtTest>

#include <cmath>
#include <stop_token>

using namespace tw;

namespace {

TrainerConfig adam(int epochs, int batch, float rate, std::uint64_t seed = 0)
{
    TrainerConfig c;
    c.epochs = epochs;
    c.batchSize = batch;
    c.seed = seed;
    c.optimizer.kind = OptimizerKind::Adam;
    c.optimizer.learningRate = rate;
    return c;
}

ModelArchitecture ringsMlp(const Dataset& d)
{
    return ModelArchitecture::forDataset(d, {32, 32}, Activation::ReLU);
}

} // namespace

class tst_Trainer : public QObject {
    Q_OBJECT
private slots:
    void mlpLearnsRings_data()
    {
        QTest::addColumn<int>("threads");
        QTest::newRow("1 thread") << 1;
        QTest::newRow("2 threads") << 2;
    }
    void mlpLearnsRings()
    {
        QFETCH(int, threads);
        const Dataset train = test::rings(900, 3, 1);
        const Dataset val = test::rings(300, 3, 2);
        Model model(ringsMlp(train), 0);
        TrainerConfig c = adam(60, 32, 0.01f);
        c.threads = threads;
        const TrainResult r = Trainer(c).train(model, train, val);
        QVERIFY2(r.ok(), r.reason.c_str());
        QCOMPARE(r.status, TrainStatus::Completed);
        QCOMPARE(r.epochsRun, 60);
        QVERIFY2(r.finalMetrics.at("val_accuracy") >= 0.95,
                 qPrintable(QString("val_accuracy %1").arg(r.finalMetrics.at("val_accuracy"))));
        // A linear model cannot separate rings: the MLP's accuracy is not an accident.
        Model linear(ModelArchitecture::softmaxRegression(2, 3), 0);
        const TrainResult lr = Trainer(adam(60, 32, 0.01f)).train(linear, train, val);
        QVERIFY(lr.finalMetrics.at("val_accuracy") < 0.6);
    }

    void batchNormDropoutMlpLearns()
    {
        const Dataset train = test::rings(900, 3, 3);
        const Dataset val = test::rings(300, 3, 4);
        ModelArchitecture a = ringsMlp(train);
        a.batchNorm = true;
        a.dropout = 0.1f;
        a.activation = Activation::GELU;
        Model model(a, 1);
        TrainerConfig c = adam(60, 32, 0.01f);
        c.schedule.kind = ScheduleKind::Cosine;
        c.schedule.warmupEpochs = 2;
        const TrainResult r = Trainer(c).train(model, train, val);
        QVERIFY2(r.ok(), r.reason.c_str());
        QVERIFY2(r.finalMetrics.at("val_accuracy") >= 0.93,
                 qPrintable(QString("val_accuracy %1").arg(r.finalMetrics.at("val_accuracy"))));
        // The running statistics moved away from their initial (0, 1).
        QVERIFY(model.buffers().head(32).cwiseAbs().maxCoeff() > 0.01f);
    }

    void logisticRegressionSeparatesBlobs()
    {
        const Dataset train = test::blobs(400, 4, 2, 5);
        const Dataset val = test::blobs(200, 4, 2, 5);
        Model model(ModelArchitecture::logisticRegression(4), 0);
        const TrainResult r = Trainer(adam(30, 16, 0.05f)).train(model, train, val);
        QVERIFY2(r.ok(), r.reason.c_str());
        QVERIFY(r.finalMetrics.at("val_accuracy") >= 0.98);
    }

    void linearRegressionMatchesLeastSquares()
    {
        const Dataset train = test::linearRegression(600, 5, 7);
        const Dataset test = test::linearRegression(300, 5, 7);  // same weights, new rows? no: same rows
        // Closed form on [x 1].
        Eigen::MatrixXd a(train.rows(), 6);
        a.leftCols(5) = train.x.cast<double>();
        a.col(5).setOnes();
        const Eigen::VectorXd coef = a.colPivHouseholderQr().solve(train.y.cast<double>());
        const Eigen::VectorXd fitted = a * coef;
        const double mean = train.y.cast<double>().mean();
        const double ssTot = (train.y.cast<double>().array() - mean).square().sum();
        const double r2Exact = 1.0 - (fitted - train.y.cast<double>()).squaredNorm() / ssTot;

        Model model(ModelArchitecture::linearRegression(5), 0);
        TrainerConfig c = adam(150, 32, 0.05f);
        const TrainResult r = Trainer(c).train(model, train);
        QVERIFY2(r.ok(), r.reason.c_str());
        const double r2 = evaluate(model, train).metrics.at("r2");
        QVERIFY2(std::abs(r2 - r2Exact) < 0.01, qPrintable(QString("r2 %1 vs exact %2").arg(r2).arg(r2Exact)));
        QVERIFY(r2Exact > 0.9);
        Q_UNUSED(test);
    }

    void sameSeedGivesIdenticalRuns_data()
    {
        QTest::addColumn<int>("threads");
        QTest::newRow("1 thread") << 1;
        QTest::newRow("2 threads") << 2;
    }
    void sameSeedGivesIdenticalRuns()
    {
        QFETCH(int, threads);
        const Dataset train = test::rings(500, 3, 8);
        const Dataset val = test::rings(100, 3, 9);
        ModelArchitecture a = ringsMlp(train);
        a.dropout = 0.2f;
        a.batchNorm = true;
        TrainerConfig c = adam(5, 24, 0.01f, 123);
        c.threads = threads;
        c.gradientClipNorm = 1.0f;
        c.l2 = 1e-3f;
        const Trainer trainer(c);
        Model m1(a, 3), m2(a, 3);
        const TrainResult r1 = trainer.train(m1, train, val);
        const TrainResult r2 = trainer.train(m2, train, val);
        QVERIFY(r1.ok() && r2.ok());
        QVERIFY(m1.parameters() == m2.parameters());  // bit for bit
        QVERIFY(m1.buffers() == m2.buffers());
        for (size_t e = 0; e < r1.history.size(); ++e)
            QVERIFY(r1.history[e].values == r2.history[e].values);
        // Another seed shuffles and drops out differently.
        TrainerConfig other = c;
        other.seed = 124;
        Model m3(a, 3);
        Trainer(other).train(m3, train, val);
        QVERIFY(m3.parameters() != m1.parameters());
    }

    void hugeLearningRateFailsWithReason()
    {
        const Dataset train = test::rings(300, 3, 10);
        Model model(ringsMlp(train), 0);
        TrainerConfig c;
        c.epochs = 20;
        c.batchSize = 16;
        c.optimizer.kind = OptimizerKind::Sgd;
        c.optimizer.learningRate = 1e6f;
        const TrainResult r = Trainer(c).train(model, train);
        QCOMPARE(r.status, TrainStatus::Failed);
        QVERIFY2(r.reason.find("became") != std::string::npos && r.reason.find("at epoch ") != std::string::npos,
                 r.reason.c_str());
        QVERIFY(r.finalMetrics.empty());
    }

    void earlyStoppingRestoresTheBestWeights()
    {
        // The validation labels are the training labels permuted (0->1->2->0): the better
        // the model fits the training set, the worse the validation loss, so the best
        // epoch comes early and the run stops patience epochs later.
        const Dataset train = test::rings(600, 3, 11);
        Dataset val = train;
        for (Eigen::Index i = 0; i < val.y.size(); ++i)
            val.y(i) = static_cast<float>((static_cast<int>(val.y(i)) + 1) % 3);
        Model model(ringsMlp(train), 0);
        TrainerConfig c = adam(50, 32, 0.01f);
        c.earlyStopping.patience = 3;
        Trainer trainer(c);
        std::vector<Eigen::VectorXf> snapshots;
        trainer.setEpochCallback([&](const EpochMetrics&) {
            snapshots.push_back(model.parameters());
            return EpochAction::Continue;
        });
        const TrainResult r = trainer.train(model, train, val);
        QVERIFY2(r.ok(), r.reason.c_str());
        QVERIFY(r.stoppedEarly);
        QVERIFY(r.restoredBest);
        QCOMPARE(r.monitor, std::string("val_loss"));
        QCOMPARE(r.epochsRun, r.bestEpoch + 3);
        QVERIFY(r.epochsRun < 50);
        double bestLoss = INFINITY;
        int bestEpoch = 0;
        for (const EpochMetrics& e : r.history)
            if (e.value("val_loss") < bestLoss) {
                bestLoss = e.value("val_loss");
                bestEpoch = e.epoch;
            }
        QCOMPARE(r.bestEpoch, bestEpoch);
        QVERIFY(model.parameters() == snapshots[static_cast<size_t>(r.bestEpoch - 1)]);
        QVERIFY(model.parameters() != snapshots.back());
        QCOMPARE(r.finalMetrics, r.history[static_cast<size_t>(r.bestEpoch - 1)].values);
        // The restored weights really score the best epoch's validation loss.
        QVERIFY(std::abs(evaluate(model, val).metrics.at("loss") - bestLoss) < 1e-6);
    }

    void earlyStoppingOnAMaximisedMetric()
    {
        const Dataset train = test::rings(300, 3, 12);
        const Dataset val = test::rings(150, 3, 13);
        Model model(ringsMlp(train), 0);
        TrainerConfig c = adam(8, 32, 0.01f);
        c.earlyStopping.patience = 100;
        c.earlyStopping.monitor = "val_accuracy";
        const TrainResult r = Trainer(c).train(model, train, val);
        QVERIFY(r.ok());
        double best = -1.0;
        for (const EpochMetrics& e : r.history)
            best = std::max(best, e.value("val_accuracy"));
        QCOMPARE(r.finalMetrics.at("val_accuracy"), best);
        c.earlyStopping.monitor = "val_nonsense";
        Model again(ringsMlp(train), 0);
        const TrainResult bad = Trainer(c).train(again, train, val);
        QCOMPARE(bad.status, TrainStatus::Failed);
        QVERIFY(bad.reason.find("val_nonsense") != std::string::npos);
    }

    void callbackCanStopAndStopTokenCancels()
    {
        const Dataset train = test::rings(200, 3, 14);
        Model model(ringsMlp(train), 0);
        Trainer trainer(adam(10, 16, 0.01f));
        trainer.setEpochCallback([](const EpochMetrics& e) { return e.epoch == 3 ? EpochAction::Stop : EpochAction::Continue; });
        const TrainResult stopped = trainer.train(model, train);
        QCOMPARE(stopped.status, TrainStatus::Stopped);
        QCOMPARE(stopped.epochsRun, 3);
        QVERIFY(!stopped.reason.empty());
        QCOMPARE(stopped.finalMetrics, stopped.history.back().values);

        std::stop_source source;
        Trainer cancelling(adam(10, 16, 0.01f));
        cancelling.setEpochCallback([&](const EpochMetrics& e) {
            if (e.epoch == 2)
                source.request_stop();  // as a cancel button would, from any thread
            return EpochAction::Continue;
        });
        Model other(ringsMlp(train), 0);
        const TrainResult cancelled = cancelling.train(other, train, {}, source.get_token());
        QCOMPARE(cancelled.status, TrainStatus::Cancelled);
        QCOMPARE(cancelled.epochsRun, 2);
        QCOMPARE(cancelled.reason, std::string("cancelled during epoch 3"));
    }

    void zeroEpochsScoresTheInitialWeights()
    {
        const Dataset train = test::blobs(50, 3, 2, 15);
        Model model(ModelArchitecture::softmaxRegression(3, 2), 4);
        const Eigen::VectorXf before = model.parameters();
        const TrainResult r = Trainer(adam(0, 8, 0.01f)).train(model, train, train);
        QCOMPARE(r.status, TrainStatus::Completed);
        QVERIFY(model.parameters() == before);
        QCOMPARE(r.finalMetrics.at("val_loss"), evaluate(model, train).metrics.at("loss"));
        QVERIFY(r.finalMetrics.count("train_accuracy"));
        QVERIFY(r.history.empty());
    }

    void badInputFailsWithoutThrowing()
    {
        const Dataset train = test::blobs(50, 3, 2, 16);
        Model wrong(ModelArchitecture::softmaxRegression(4, 2), 0);
        const TrainResult r = Trainer(adam(2, 8, 0.01f)).train(wrong, train);
        QCOMPARE(r.status, TrainStatus::Failed);
        QVERIFY2(r.reason.find("features") != std::string::npos, r.reason.c_str());
        Dataset nan = train;
        nan.x(3, 1) = std::nanf("");
        Model ok(ModelArchitecture::softmaxRegression(3, 2), 0);
        const TrainResult r2 = Trainer(adam(2, 8, 0.01f)).train(ok, nan);
        QCOMPARE(r2.status, TrainStatus::Failed);
        QVERIFY2(r2.reason.find("NaN") != std::string::npos, r2.reason.c_str());
        Model empty;
        QCOMPARE(Trainer(adam(1, 8, 0.01f)).train(empty, train).status, TrainStatus::Failed);
        // A throwing callback is a failure too, not an escape.
        Trainer throwing(adam(2, 8, 0.01f));
        throwing.setEpochCallback([](const EpochMetrics&) -> EpochAction { throw std::runtime_error("plot died"); });
        const TrainResult r3 = throwing.train(ok, train);
        QCOMPARE(r3.status, TrainStatus::Failed);
        QCOMPARE(r3.reason, std::string("plot died"));
        // Invalid configuration is API misuse: the constructor throws.
        TrainerConfig c;
        c.batchSize = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Trainer{c});
        TrainerConfig badSchedule;
        badSchedule.schedule.kind = ScheduleKind::Exponential;
        badSchedule.schedule.gamma = 2.0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Trainer{badSchedule});
        TrainerConfig badOptimizer;
        badOptimizer.optimizer.beta2 = 1.0f;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Trainer{badOptimizer});
    }

    void metricNamesFollowTheTask()
    {
        const Dataset cls = test::blobs(60, 3, 3, 17);
        Model classifier(ModelArchitecture::forDataset(cls, {4}), 0);
        const TrainResult rc = Trainer(adam(1, 8, 0.01f)).train(classifier, cls, cls);
        QStringList names;
        for (const auto& [name, value] : rc.history.front().values)
            names << QString::fromStdString(name);
        QCOMPARE(names, QStringList({"train_accuracy", "train_f1_macro", "train_loss", "val_accuracy", "val_f1_macro",
                                     "val_loss"}));
        const Dataset reg = test::linearRegression(60, 3, 18);
        Model regressor(ModelArchitecture::forDataset(reg, {4}), 0);
        const TrainResult rr = Trainer(adam(1, 8, 0.01f)).train(regressor, reg, reg);
        names.clear();
        for (const auto& [name, value] : rr.history.front().values)
            names << QString::fromStdString(name);
        QCOMPARE(names, QStringList({"train_loss", "train_mae", "train_r2", "train_rmse", "val_loss", "val_mae",
                                     "val_r2", "val_rmse"}));
        QVERIFY(rr.history.front().seconds >= 0.0);
    }

    void scheduleDrivesTheLearningRate()
    {
        const Dataset train = test::blobs(64, 2, 2, 19);
        Model model(ModelArchitecture::softmaxRegression(2, 2), 0);
        TrainerConfig c = adam(6, 16, 0.1f);
        c.schedule.kind = ScheduleKind::Step;
        c.schedule.stepEpochs = 2;
        c.schedule.gamma = 0.5;
        const TrainResult r = Trainer(c).train(model, train);
        QCOMPARE(r.history[0].learningRate, 0.1f * 1.0);
        QCOMPARE(r.history[1].learningRate, static_cast<double>(0.1f));
        QCOMPARE(r.history[2].learningRate, 0.05 * (0.1f / 0.1));
        QCOMPARE(r.history[5].learningRate, 0.025 * (0.1f / 0.1));
    }

    void augmentationWithOneHotSoftTargetsChangesNothing()
    {
        const Dataset train = test::rings(300, 3, 20);
        const TrainerConfig c = adam(3, 16, 0.01f, 5);
        Model plain(ringsMlp(train), 1);
        Trainer(c).train(plain, train);

        Trainer augmented(c);
        std::vector<std::uint64_t> seeds;
        augmented.setAugmentation([&](const Dataset& d, std::uint64_t seed) {
            seeds.push_back(seed);
            Eigen::MatrixXf soft = Eigen::MatrixXf::Zero(d.rows(), 3);
            for (Eigen::Index i = 0; i < d.rows(); ++i)
                soft(i, static_cast<Eigen::Index>(d.y(i))) = 1.0f;
            return std::make_pair(d, soft);
        });
        Model viaHook(ringsMlp(train), 1);
        const TrainResult r = augmented.train(viaHook, train);
        QVERIFY2(r.ok(), r.reason.c_str());
        QVERIFY(viaHook.parameters() == plain.parameters());
        QCOMPARE(seeds.size(), size_t(3));
        QVERIFY(seeds[0] != seeds[1] && seeds[1] != seeds[2]);

        // Soft targets of the wrong shape are reported, not trained on.
        augmented.setAugmentation([](const Dataset& d, std::uint64_t) {
            return std::make_pair(d, Eigen::MatrixXf(Eigen::MatrixXf::Zero(d.rows(), 2)));
        });
        Model bad(ringsMlp(train), 1);
        const TrainResult rb = augmented.train(bad, train);
        QCOMPARE(rb.status, TrainStatus::Failed);
        QVERIFY2(rb.reason.find("soft targets") != std::string::npos, rb.reason.c_str());
    }

    void l2ShrinksTheWeights()
    {
        const Dataset train = test::blobs(200, 5, 2, 21);
        const auto a = ModelArchitecture::forDataset(train, {16});
        Model free(a, 0), decayed(a, 0);
        TrainerConfig c = adam(20, 16, 0.01f);
        Trainer(c).train(free, train);
        c.l2 = 0.1f;
        Trainer(c).train(decayed, train);
        QVERIFY(decayed.parameters().head(5 * 16).norm() < 0.8f * free.parameters().head(5 * 16).norm());
    }
};

QTEST_GUILESS_MAIN(tst_Trainer)
#include "tst_trainer.moc"
