#include "analysis/ParallelData.h"
#include "support/SampleTrials.h"

#include <QtTest>

class tst_ParallelData : public QObject {
    Q_OBJECT
private slots:
    // Axes: the common params by name, then the objective; positions in [0, 1], log space
    // for the learning rate, choices spread evenly.
    void axesAndUnitPositions()
    {
        const auto pc = tw::ParallelData::build(tw::test::sampleTrials());
        QCOMPARE(pc.axes.size(), std::size_t(5));
        QCOMPARE(pc.axes[0].name, std::string("model.hidden"));
        QVERIFY(pc.axes[4].objective);
        QCOMPARE(pc.lines.size(), std::size_t(2));
        QCOMPARE(pc.low, 0.91);
        QCOMPARE(pc.high, 0.97);
        const auto& first = pc.lines[0];
        QCOMPARE(first.number, 0);
        QVERIFY(std::abs(first.unit[0] - 1.0 / 6) < 1e-12);         // choice 0 of 3
        QVERIFY(std::abs(first.unit[2] - (std::log(1e-3) - std::log(1e-4)) / (std::log(1e-1) - std::log(1e-4))) < 1e-12);
        QCOMPARE(first.unit[4], 0.0);
        QCOMPARE(pc.lines[1].unit[4], 1.0);
    }

    void emptyWithoutCompleteTrials()
    {
        QVERIFY(tw::ParallelData::build({}).axes.empty());
    }
};

QTEST_APPLESS_MAIN(tst_ParallelData)
#include "tst_paralleldata.moc"
