#include "export/BestParamsExport.h"
#include "support/SampleTrials.h"

#include <QJsonDocument>
#include <QtTest>

using tw::BestParamsExport;

class tst_BestParamsExport : public QObject {
    Q_OBJECT
private slots:
    void threeFormats()
    {
        const auto best = tw::test::sampleTrials()[3];
        BestParamsExport::Format f;
        QVERIFY(BestParamsExport::formatForFile("best.YAML", &f));
        QCOMPARE(int(f), int(BestParamsExport::Format::Yaml));
        QVERIFY(!BestParamsExport::formatForFile("best.txt", &f));

        const QJsonObject o = QJsonDocument::fromJson(
            BestParamsExport::write(BestParamsExport::Format::Json, "iris", best, "val_accuracy")).object();
        QCOMPARE(o.value("study").toString(), QString("iris"));
        QCOMPARE(o.value("trial").toInt(), 3);
        QCOMPARE(o.value("metric").toString(), QString("val_accuracy"));
        QCOMPARE(o.value("value").toDouble(), 0.97);
        QCOMPARE(o.value("params").toObject().value("training.batch_size").toInteger(), 64);

        const QString yaml = QString::fromUtf8(BestParamsExport::write(BestParamsExport::Format::Yaml, "iris", best, "val_accuracy"));
        QVERIFY(yaml.startsWith("study: iris\ntrial: 3\nmetric: val_accuracy\nvalue: 0.97\nparams:\n"));
        QVERIFY(yaml.contains("  model.hidden: [32]\n"));
        QVERIFY(yaml.contains("  training.optimizer: adam\n"));
        QVERIFY(yaml.contains("  training.learning_rate: 0.004\n"));

        const QString csv = QString::fromUtf8(BestParamsExport::write(BestParamsExport::Format::Csv, "iris", best, "val_accuracy"));
        QCOMPARE(csv, QString("study,trial,metric,value,model.hidden,training.batch_size,training.learning_rate,training.optimizer\n"
                              "iris,3,val_accuracy,0.97,[32],64,0.004,adam\n"));
    }
};

QTEST_GUILESS_MAIN(tst_BestParamsExport)
#include "tst_bestparamsexport.moc"
