#include "leaderboard/LeaderboardModel.h"
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
};

QTEST_MAIN(tst_LiveView)
#include "tst_liveview.moc"
