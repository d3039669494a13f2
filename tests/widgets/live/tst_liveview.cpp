#include "leaderboard/LeaderboardModel.h"
#include "leaderboard/LeaderboardView.h"
#include "live/LiveView.h"
#include "plots/LossCurvesPlot.h"
#include "runner/MetricsBuffer.h"

#include <QtTest>

#include <thread>

using namespace tw;
using namespace tw::widgets;

class tst_LiveView : public QObject {
    Q_OBJECT
private slots:
    // #16: a click on a dot of the history selects the trial in the leaderboard below it;
    // its hover text lists the trial's params.
    void historyClickSelectsTheTrial()
    {
        LeaderboardModel model;
        model.setMetric("loss", StudyDirection::Minimize);
        LiveView view(&model);
        view.resize(900, 600);
        view.show();
        view.setStudy("loss", StudyDirection::Minimize);
        std::vector<FrozenTrial> trials;
        for (int i = 0; i < 4; ++i) {
            FrozenTrial t;
            t.id = i + 1;
            t.number = i;
            t.state = TrialState::Complete;
            t.value = 1.0 / (i + 1);
            t.params = {{"lr", 0.01 * (i + 1)}, {"opt", double(i % 2)}};
            t.distributions = {{"lr", Distribution::makeFloat(0.001, 1)},
                               {"opt", Distribution::makeCategorical({"\"adam\"", "\"sgd\""})}};
            trials.push_back(t);
        }
        model.upsert(trials);
        view.updateTrials(trials);
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        HistoryPlot* plot = view.historyPlot();
        plot->replot();
        const QPoint at(int(plot->xAxis->coordToPixel(2)), int(plot->yAxis->coordToPixel(1.0 / 3)));
        QCOMPARE(plot->hoverText(at), QString("trial #2\nloss: 0.333333\nlr = 0.03\nopt = adam"));
        QTest::mouseClick(plot, Qt::LeftButton, {}, at);
        QCOMPARE(view.leaderboard()->currentTrial(), 2);
    }

    void drainsBatchesOnATimer()
    {
        LeaderboardModel model;
        LiveView view(&model);
        view.resize(900, 600);
        view.show();
        MetricsBuffer buffer;
        view.attachBuffer(&buffer);
        view.setStudy("val_loss", StudyDirection::Minimize);
        std::thread producer([&] {
            for (int e = 0; e < 200; ++e)
                for (int t = 0; t < 2; ++t)
                    buffer.push({t, e, 1.0 / (e + 1), {{"train_loss", 1.0 / (e + 2)}, {"val_loss", 1.0 / (e + 1)}}});
        });
        producer.join();
        QTRY_VERIFY(view.drainCount() >= 1);
        QCOMPARE(buffer.size(), size_t(0));
        QCOMPARE(view.lossPlot()->trialCount(), 2);
        // 400 events arrived in far fewer drains than events: one replot per drain.
        QVERIFY(view.drainCount() < 50);

        FrozenTrial a;
        a.number = 0;
        a.state = TrialState::Complete;
        a.value = 0.1;
        FrozenTrial b = a;
        b.number = 1;
        b.state = TrialState::Pruned;
        b.value.reset();
        model.upsert({a, b});
        view.updateTrials({a, b});
        QCOMPARE(model.bestTrialNumber(), 0);
    }

    // A trial that finished before the study was shown: its curve is read from storage,
    // but its live points may be drained first. Either way it is drawn as finished, once.
    void storedCurvesKeepLivePointsAndStates()
    {
        LeaderboardModel model;
        LiveView view(&model);
        MetricsBuffer buffer;
        view.attachBuffer(&buffer);
        FrozenTrial done;
        done.number = 0;
        done.state = TrialState::Complete;
        done.value = 0.2;
        FrozenTrial later = done;
        later.number = 1;
        model.upsert({done, later});
        view.setCurves({}, {{0, TrialState::Complete}, {1, TrialState::Complete}});
        QVERIFY(view.lossPlot()->trialState(0) == TrialState::Complete);

        buffer.push({0, 1, 0.5, {{"train_loss", 0.6}, {"val_loss", 0.5}}});
        buffer.push({0, 2, 0.4, {{"train_loss", 0.45}, {"val_loss", 0.4}}});
        const std::vector<EpochPoint> stored0{{0, 1, 0.6, 0.5}, {0, 2, 0.45, 0.4}};
        const std::vector<EpochPoint> stored1{{1, 1, 0.9, 0.8}, {1, 2, 0.7, 0.6}, {1, 3, 0.5, 0.4}};
        view.addStoredCurves({{0, stored0}, {1, stored1}}, true);
        QCOMPARE(buffer.size(), size_t(0)); // drained first
        QCOMPARE(view.lossPlot()->pointCount(0), 2); // the live points, not doubled
        QCOMPARE(view.lossPlot()->pointCount(1), 3);
        QCOMPARE(view.lossPlot()->points(1)[2].trainLoss, 0.5);
        QVERIFY(view.lossPlot()->trialState(0) == TrialState::Complete);
        QVERIFY(view.lossPlot()->trialState(1) == TrialState::Complete);

        // Live points of a trial the plot has not seen yet come in as running.
        buffer.push({2, 1, 0.5, {{"val_loss", 0.5}}});
        view.drainNow();
        QVERIFY(view.lossPlot()->trialState(2) == TrialState::Running);
    }
};

QTEST_MAIN(tst_LiveView)
#include "tst_liveview.moc"
