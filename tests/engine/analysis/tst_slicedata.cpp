#include "analysis/SliceData.h"
#include "support/SampleTrials.h"

#include <QtTest>

class tst_SliceData : public QObject {
    Q_OBJECT
private slots:
    // The sample: trials 0 and 3 complete (0.91, 0.97); pruned, failed and running ones
    // are not drawn.
    void onePointPerCompleteTrialAndParam()
    {
        const auto slices = tw::SliceData::build(tw::test::sampleTrials());
        QCOMPARE(slices.size(), std::size_t(4));
        QCOMPARE(slices[1].param, std::string("training.batch_size"));
        const tw::ParamSlice& lr = slices[2];
        QCOMPARE(lr.param, std::string("training.learning_rate"));
        QVERIFY(lr.distribution.isLog());
        QCOMPARE(lr.number, (std::vector<int>{0, 3}));
        QCOMPARE(lr.value, (std::vector<double>{0.91, 0.97}));
        QCOMPARE(lr.x, (std::vector<double>{0.001, 0.004}));
        QCOMPARE(slices[0].x, (std::vector<double>{0.0, 0.0}));  // model.hidden: choice indices
    }

    void thinsEvenlyKeepingFirstAndLast()
    {
        std::vector<tw::FrozenTrial> trials(101);
        for (int i = 0; i < 101; ++i) {
            trials[i].number = i;
            trials[i].state = tw::TrialState::Complete;
            trials[i].value = i;
        }
        trials[50].value = std::numeric_limits<double>::quiet_NaN();
        const auto drawn = tw::SliceData::drawnTrials(trials, 11);
        QCOMPARE(drawn.size(), std::size_t(11));
        QCOMPARE(drawn.front()->number, 0);
        QCOMPARE(drawn.back()->number, 100);
        QCOMPARE(tw::SliceData::drawnTrials(trials, 0).size(), std::size_t(100));
    }
};

QTEST_APPLESS_MAIN(tst_SliceData)
#include "tst_slicedata.moc"
