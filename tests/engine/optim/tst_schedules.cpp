#include "optim/ConstantSchedule.h"
#include "optim/CosineSchedule.h"
#include "optim/ExponentialSchedule.h"
#include "optim/ReduceOnPlateauSchedule.h"
#include "optim/ScheduleConfig.h"
#include "optim/StepSchedule.h"

#include <QtTest>

#include <cmath>

using namespace tw;

namespace {
bool near(double a, double b) { return std::abs(a - b) < 1e-12 * std::max(1.0, std::abs(b)); }
} // namespace

class tst_Schedules : public QObject {
    Q_OBJECT
private slots:
    void constant()
    {
        const ConstantSchedule s(0.3);
        QCOMPARE(s.rate(0.0), 0.3);
        QCOMPARE(s.rate(99.5), 0.3);
    }

    void step()
    {
        const StepSchedule s(1.0, 3, 0.5);
        QCOMPARE(s.rate(0.0), 1.0);
        QCOMPARE(s.rate(2.99), 1.0);
        QCOMPARE(s.rate(3.0), 0.5);
        QCOMPARE(s.rate(6.5), 0.25);
    }

    void exponential()
    {
        const ExponentialSchedule s(2.0, 0.9);
        QCOMPARE(s.rate(0.7), 2.0);
        QVERIFY(near(s.rate(2.0), 2.0 * 0.81));
    }

    void cosineWithWarmup()
    {
        const CosineSchedule s(1.0, 10.0, 2.0, 0.1);
        QCOMPARE(s.rate(0.0), 0.0);
        QCOMPARE(s.rate(1.0), 0.5);
        QCOMPARE(s.rate(2.0), 1.0);
        // Halfway through the cosine part: min + (base - min) / 2.
        QVERIFY(near(s.rate(6.0), 0.55));
        QVERIFY(near(s.rate(10.0), 0.1));
        QVERIFY(near(s.rate(12.0), 0.1));
        const CosineSchedule plain(1.0, 4.0);
        QVERIFY(near(plain.rate(1.0), 0.5 * (1.0 + std::cos(M_PI / 4.0))));
    }

    void reduceOnPlateau()
    {
        // Patience 1: the second epoch without improvement cuts the rate.
        ReduceOnPlateauSchedule s(1.0, 0.5, 1, 1e-4, 0, 0.2);
        s.epochEnded(1.0);
        QCOMPARE(s.rate(1.0), 1.0);
        s.epochEnded(0.5);   // better
        s.epochEnded(0.5);   // bad 1
        QCOMPARE(s.rate(3.0), 1.0);
        s.epochEnded(0.49999);  // within the relative threshold: bad 2 -> cut
        QCOMPARE(s.rate(4.0), 0.5);
        s.epochEnded(0.6);
        s.epochEnded(0.6);  // cut again
        QCOMPARE(s.rate(6.0), 0.25);
        s.epochEnded(0.7);
        s.epochEnded(std::nan(""));  // NaN counts as bad; floor at minRate
        QCOMPARE(s.rate(8.0), 0.2);
    }

    void reduceOnPlateauCooldown()
    {
        ReduceOnPlateauSchedule s(1.0, 0.1, 0, 0.0, 2, 0.0);
        s.epochEnded(1.0);
        s.epochEnded(1.0);  // bad > 0 -> cut, cooldown 2
        QVERIFY(near(s.rate(0), 0.1));
        s.epochEnded(1.0);  // cooling
        s.epochEnded(1.0);  // cooling
        QVERIFY(near(s.rate(0), 0.1));
        s.epochEnded(1.0);
        QVERIFY(near(s.rate(0), 0.01));
    }

    void configBuildsEachKind()
    {
        ScheduleConfig c;
        for (ScheduleKind k : {ScheduleKind::Constant, ScheduleKind::Step, ScheduleKind::Exponential,
                               ScheduleKind::Cosine, ScheduleKind::ReduceOnPlateau}) {
            QCOMPARE(scheduleKindFromString(toString(k)), std::optional<ScheduleKind>(k));
            c.kind = k;
            QCOMPARE(c.create(0.1, 20)->rate(0.5) > 0.0 || k == ScheduleKind::Cosine, true);
        }
        c.kind = ScheduleKind::Cosine;
        c.warmupEpochs = 2;
        QCOMPARE(c.create(0.1, 20)->rate(1.0), 0.05);
        c.kind = ScheduleKind::Step;
        c.stepEpochs = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, c.create(0.1, 20));
    }
};

QTEST_GUILESS_MAIN(tst_Schedules)
#include "tst_schedules.moc"
