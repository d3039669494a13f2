#include "ParallelCap.h"

#include <QtTest>

using tw::ParallelCap;

// #13 item 15: parallelism is capped at the budget left and at 256, with a note.
class tst_ParallelCap : public QObject {
    Q_OBJECT
private slots:
    void capsAtTheBudgetLeft()
    {
        const auto r = ParallelCap::apply(100000, 200);
        QCOMPARE(r.parallel, 200);
        QVERIFY2(r.note.contains("capped at 200, the trials left in the budget"), qPrintable(r.note));
        const auto run = ParallelCap::apply(8, 200, 3);
        QCOMPARE(run.parallel, 3);
        QVERIFY2(run.note.contains("for this run (--trials)"), qPrintable(run.note));
    }

    void capsAtTheMaximum()
    {
        QCOMPARE(ParallelCap::maximum, 256);
        const auto r = ParallelCap::apply(100000, 5000);
        QCOMPARE(r.parallel, 256);
        QVERIFY2(r.note.contains("capped at 256, the most trials one process runs at once"), qPrintable(r.note));
    }

    void leavesWhatFitsAlone()
    {
        const auto r = ParallelCap::apply(4, 200);
        QCOMPARE(r.parallel, 4);
        QVERIFY(r.note.isEmpty());
        QCOMPARE(ParallelCap::apply(256, 1000).parallel, 256);
        const auto done = ParallelCap::apply(4, 0);  // nothing left: one thread, no note
        QCOMPARE(done.parallel, 1);
        QVERIFY(done.note.isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_ParallelCap)
#include "tst_parallelcap.moc"
