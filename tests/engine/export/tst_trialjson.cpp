#include "export/TrialJson.h"
#include "support/SampleTrials.h"

#include <QJsonArray>
#include <QtTest>

class tst_TrialJson : public QObject {
    Q_OBJECT
private slots:
    void matchesTheDocumentedFormat()
    {
        const auto trials = tw::test::sampleTrials();
        const QJsonArray a = tw::TrialJson::toJson(trials);
        QCOMPARE(a.size(), 5);
        const QJsonObject t0 = a[0].toObject();
        QCOMPARE(t0.value("number").toInt(), 0);
        QCOMPARE(t0.value("state").toString(), QString("complete"));
        QCOMPARE(t0.value("value").toDouble(), 0.91);
        QCOMPARE(t0.value("params").toObject().value("model.hidden").toArray(), (QJsonArray{32}));
        QCOMPARE(t0.value("params").toObject().value("training.batch_size").toInteger(), 16);
        QCOMPARE(t0.value("params").toObject().value("training.optimizer").toString(), QString("adam"));
        QCOMPARE(t0.value("intermediate").toObject().value("1").toDouble(), 0.6);
        QCOMPARE(t0.value("started").toString(), QString("2026-09-21T14:13:20.000Z"));
        QCOMPARE(t0.value("duration_s").toDouble(), 2.5);
        const QJsonObject t1 = a[1].toObject();
        QVERIFY(t1.value("value").isNull());  // null unless complete
        QCOMPARE(t1.value("intermediate").toObject().value("2").toString(), QString("inf"));
        const QJsonObject t2 = a[2].toObject();
        QCOMPARE(t2.value("intermediate").toObject().value("2").toString(), QString("nan"));
        QCOMPARE(t2.value("reason").toString(), QString("loss became NaN at epoch 2"));
        QVERIFY(a[4].toObject().value("duration_s").isNull());
    }
};

QTEST_GUILESS_MAIN(tst_TrialJson)
#include "tst_trialjson.moc"
