#include "analysis/TimelineData.h"
#include "support/SampleTrials.h"

#include <QtTest>

class tst_TimelineData : public QObject {
    Q_OBJECT
private slots:
    // The sample's trials start 10 s apart and last 2.5 s: one lane; the running one ends now.
    void barsFromStartToEnd()
    {
        const auto trials = tw::test::sampleTrials();
        const auto now = *trials[4].started + std::chrono::seconds(7);
        const auto tl = tw::TimelineData::build(trials, now);
        QCOMPARE(tl.bars.size(), std::size_t(5));
        QCOMPARE(tl.lanes, (std::vector<std::string>{"lane 1"}));
        QCOMPARE(tl.bars[1].start, 10.0);
        QCOMPARE(tl.bars[1].end, 12.5);
        QVERIFY(tl.bars[1].state == tw::TrialState::Pruned);
        QCOMPARE(tl.bars[4].end, 47.0);
    }

    // Overlapping trials without a worker take the lowest free lane; named workers get rows first.
    void lanesForOverlapAndWorkers()
    {
        auto trials = tw::test::sampleTrials();
        trials[1].started = *trials[0].started + std::chrono::seconds(1);  // overlaps trial 0
        trials[1].finished = *trials[1].started + std::chrono::seconds(2);
        trials[3].systemAttrs["worker"] = "\"w1\"";
        const auto tl = tw::TimelineData::build(trials, *trials[4].started);
        QCOMPARE(tl.lanes, (std::vector<std::string>{"worker w1", "lane 1", "lane 2"}));
        QCOMPARE(tl.bars[0].lane, 1);
        QCOMPARE(tl.bars[1].lane, 2);
        QCOMPARE(tl.bars[2].lane, 1);
        QCOMPARE(tl.bars[3].lane, 0);
    }
};

QTEST_APPLESS_MAIN(tst_TimelineData)
#include "tst_timelinedata.moc"
