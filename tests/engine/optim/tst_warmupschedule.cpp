#include "optim/ScheduleConfig.h"
#include "optim/StepSchedule.h"
#include "optim/WarmupSchedule.h"

#include <QtTest>

using namespace tw;

class tst_WarmupSchedule : public QObject {
    Q_OBJECT
private slots:
    void rampsTheInnerRateThenFollowsIt()
    {
        WarmupSchedule s(std::make_unique<StepSchedule>(0.1, 10, 0.5), 2.0);
        QCOMPARE(s.rate(0.0), 0.0);
        QCOMPARE(s.rate(0.5), 0.025);
        QCOMPARE(s.rate(1.0), 0.05);
        QCOMPARE(s.rate(2.0), 0.1);
        QCOMPARE(s.rate(9.9), 0.1);
        QCOMPARE(s.rate(10.0), 0.05);
    }

    void everyKindGetsTheSpecsWarmup()
    {
        for (ScheduleKind k : {ScheduleKind::Constant, ScheduleKind::Step, ScheduleKind::Exponential,
                               ScheduleKind::Cosine, ScheduleKind::ReduceOnPlateau}) {
            ScheduleConfig c;
            c.kind = k;
            c.warmupEpochs = 4;
            const auto warm = c.create(0.2, 40);
            c.warmupEpochs = 0;
            const auto cold = c.create(0.2, 40);
            QCOMPARE(warm->rate(0.0), 0.0);
            QCOMPARE(cold->rate(0.0), 0.2);
            // A quarter of the way through the warmup, a quarter of the rate: of the base
            // for cosine (its own warmup, then the cosine over the remaining epochs), of the
            // schedule's rate for the others.
            const double target = k == ScheduleKind::Cosine ? 0.2 : cold->rate(1.0);
            QVERIFY2(std::abs(warm->rate(1.0) - 0.25 * target) < 1e-12, toString(k).data());
            if (k != ScheduleKind::Cosine)
                QCOMPARE(warm->rate(6.0), cold->rate(6.0));
        }
    }

    void aWarmupLongerThanTheRunIsCut()
    {
        ScheduleConfig c;
        c.kind = ScheduleKind::Constant;
        c.warmupEpochs = 50;
        QCOMPARE(c.create(1.0, 10)->rate(5.0), 0.5);
    }

    void misuseThrows()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, WarmupSchedule(nullptr, 1.0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 WarmupSchedule(std::make_unique<StepSchedule>(0.1, 10, 0.5), 0.0));
        ScheduleConfig c;
        c.warmupEpochs = -1;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, c.create(0.1, 10));
    }
};

QTEST_GUILESS_MAIN(tst_WarmupSchedule)
#include "tst_warmupschedule.moc"
