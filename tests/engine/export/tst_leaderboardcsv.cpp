#include "export/LeaderboardCsv.h"
#include "support/SampleTrials.h"

#include <QtTest>

class tst_LeaderboardCsv : public QObject {
    Q_OBJECT
private slots:
    void oneRowPerTrialWithParamColumns()
    {
        const QByteArray csv = tw::LeaderboardCsv::write(tw::test::sampleTrials(),
                                                         {"training.learning_rate", "model.hidden"});
        const QList<QByteArray> lines = csv.trimmed().split('\n');
        QCOMPARE(lines.size(), 6);
        QCOMPARE(lines[0], QByteArray("number,state,value,duration_s,training.learning_rate,model.hidden"));
        QCOMPARE(lines[1], QByteArray("0,complete,0.91,2.5,0.001,[32]"));
        QCOMPARE(lines[2], QByteArray("1,pruned,,2.5,0.002,\"[64,64]\""));
        QCOMPARE(lines[5], QByteArray("4,running,,,0.005,\"[64,64]\""));
    }
    void allParamsSortedByDefault()
    {
        const QByteArray csv = tw::LeaderboardCsv::write(tw::test::sampleTrials());
        QVERIFY(csv.startsWith("number,state,value,duration_s,model.hidden,training.batch_size,"
                               "training.learning_rate,training.optimizer\n"));
        QVERIFY(csv.contains(",16,0.001,adam\n"));
    }
};

QTEST_GUILESS_MAIN(tst_LeaderboardCsv)
#include "tst_leaderboardcsv.moc"
