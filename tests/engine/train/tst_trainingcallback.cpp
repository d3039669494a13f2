#include "train/EarlyStopping.h"
#include "train/PruningCheck.h"
#include "train/Trainer.h"
#include "train/TrainingCallback.h"
#include "support/SyntheticData.h"

#include <QtTest>

#include <memory>
#include <string>
#include <vector>

using namespace tw;

// The callback contract of the one training loop (#18 item 4): every callback sees every
// epoch in order; a Stop ends the run after the epoch; early stopping's stop completes the
// run while another's stops it; a failure ends it at once; onTrainEnd runs on stop and
// cancel, not after a failure.
namespace {

TrainerConfig sgd(int epochs)
{
    TrainerConfig c;
    c.epochs = epochs;
    c.batchSize = 32;
    c.optimizer.kind = OptimizerKind::Sgd;
    c.optimizer.learningRate = 0.05f;
    return c;
}

// Logs its calls as "name:begin", "name:3" (epoch), "name:end"; answers Stop at stopAt.
class Probe final : public TrainingCallback {
public:
    Probe(std::string name, std::vector<std::string>& log, int stopAt = 0, bool fail = false)
        : m_name(std::move(name)), m_log(log), m_stopAt(stopAt), m_fail(fail)
    {
    }
    void onTrainBegin(TrainingState&) override { m_log.push_back(m_name + ":begin"); }
    EpochAction onEpochEnd(TrainingState& state, const EpochMetrics& e) override
    {
        m_log.push_back(m_name + ":" + std::to_string(e.epoch));
        // The epoch just ended is the history's last entry.
        if (state.result.history.empty() || state.result.history.back().epoch != e.epoch)
            m_log.push_back(m_name + ":history-out-of-step");
        if (m_fail && e.epoch == m_stopAt)
            state.failure = "probe failed";
        return e.epoch == m_stopAt ? EpochAction::Stop : EpochAction::Continue;
    }
    void onTrainEnd(TrainingState&) override { m_log.push_back(m_name + ":end"); }

private:
    std::string m_name;
    std::vector<std::string>& m_log;
    int m_stopAt;
    bool m_fail;
};

} // namespace

class tst_TrainingCallback : public QObject {
    Q_OBJECT
private slots:
    void everyCallbackSeesEveryEpochInOrder()
    {
        const Dataset d = test::rings(200, 2, 1);
        Model model(ModelArchitecture::forDataset(d, {8}, Activation::ReLU), 0);
        std::vector<std::string> log;
        Trainer trainer(sgd(3));
        trainer.addCallback(std::make_shared<Probe>("a", log));
        trainer.addCallback(std::make_shared<Probe>("b", log, 2));
        const TrainResult r = trainer.train(model, d);
        QCOMPARE(r.status, TrainStatus::Stopped);
        QCOMPARE(r.epochsRun, 2);
        QCOMPARE(r.reason, std::string("stopped by the epoch callback after epoch 2"));
        const std::vector<std::string> expected{"a:begin", "b:begin", "a:1", "b:1", "a:2", "b:2", "a:end", "b:end"};
        QCOMPARE(log, expected);
    }

    void failureEndsTheRunAtOnceWithoutTrainEnd()
    {
        const Dataset d = test::rings(200, 2, 1);
        Model model(ModelArchitecture::forDataset(d, {8}, Activation::ReLU), 0);
        std::vector<std::string> log;
        Trainer trainer(sgd(3));
        trainer.addCallback(std::make_shared<Probe>("a", log, 1, true));
        trainer.addCallback(std::make_shared<Probe>("b", log));
        const TrainResult r = trainer.train(model, d);
        QCOMPARE(r.status, TrainStatus::Failed);
        QCOMPARE(r.reason, std::string("probe failed"));
        const std::vector<std::string> expected{"a:begin", "b:begin", "a:1"};
        QCOMPARE(log, expected);
    }

    void cancelStillEndsTheCallbacks()
    {
        const Dataset d = test::rings(200, 2, 1);
        Model model(ModelArchitecture::forDataset(d, {8}, Activation::ReLU), 0);
        std::vector<std::string> log;
        Trainer trainer(sgd(3));
        trainer.addCallback(std::make_shared<Probe>("a", log));
        std::stop_source stop;
        stop.request_stop();
        const TrainResult r = trainer.train(model, d, {}, stop.get_token());
        QCOMPARE(r.status, TrainStatus::Cancelled);
        const std::vector<std::string> expected{"a:begin", "a:end"};
        QCOMPARE(log, expected);
    }

    // Early stopping's stop completes the run (stoppedEarly); a pruning stop in the same
    // epoch names the run's end instead, as the epoch callback's did before the callbacks.
    void earlyStopCompletesButPruningStops()
    {
        const Dataset d = test::rings(200, 2, 1);
        TrainerConfig c = sgd(10);
        c.earlyStopping.patience = 1;
        c.earlyStopping.minDelta = 1e9;  // nothing after epoch 1 is an improvement
        c.earlyStopping.monitor = "train_loss";
        {
            Model model(ModelArchitecture::forDataset(d, {8}, Activation::ReLU), 0);
            const TrainResult r = Trainer(c).train(model, d);
            QCOMPARE(r.status, TrainStatus::Completed);
            QVERIFY(r.stoppedEarly);
            QCOMPARE(r.epochsRun, 2);
            QCOMPARE(r.bestEpoch, 1);
            QVERIFY(r.restoredBest);
            QCOMPARE(r.finalMetrics, r.history.front().values);
        }
        {
            Model model(ModelArchitecture::forDataset(d, {8}, Activation::ReLU), 0);
            Trainer trainer(c);
            auto pruning = std::make_shared<PruningCheck>([](std::int64_t step, double) { return step == 12; },
                                                          "train_loss", 10);
            trainer.addCallback(pruning);
            const TrainResult r = trainer.train(model, d);
            QCOMPARE(r.status, TrainStatus::Stopped);
            QVERIFY(!r.stoppedEarly);
            QCOMPARE(pruning->prunedAt(), std::int64_t(12));
            QVERIFY(r.restoredBest);  // the best weights come back after a stop too
        }
    }

    void minimizedMetricNames()
    {
        QVERIFY(EarlyStopping::minimized("val_loss"));
        QVERIFY(EarlyStopping::minimized("train_rmse"));
        QVERIFY(EarlyStopping::minimized("val_mae"));
        QVERIFY(!EarlyStopping::minimized("val_accuracy"));
        QVERIFY(!EarlyStopping::minimized("val_r2"));
    }
};

QTEST_GUILESS_MAIN(tst_TrainingCallback)
#include "tst_trainingcallback.moc"
