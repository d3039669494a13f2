#include "analysis/IntermediateData.h"
#include "support/SampleTrials.h"

#include <QtTest>

class tst_IntermediateData : public QObject {
    Q_OBJECT
private slots:
    void finiteValuesByStepWithState()
    {
        const auto curves = tw::IntermediateData::build(tw::test::sampleTrials());
        QCOMPARE(curves.size(), std::size_t(5));
        QVERIFY(curves[1].state == tw::TrialState::Pruned);
        QCOMPARE(curves[1].step, (std::vector<double>{0, 1}));  // the infinite step 2 is left out
        QCOMPARE(curves[2].value.size(), std::size_t(2));       // and the NaN one
        const auto last = tw::IntermediateData::build(tw::test::sampleTrials(), 2);
        QCOMPARE(last.size(), std::size_t(2));
        QCOMPARE(last[0].number, 3);
    }
};

QTEST_APPLESS_MAIN(tst_IntermediateData)
#include "tst_intermediatedata.moc"
