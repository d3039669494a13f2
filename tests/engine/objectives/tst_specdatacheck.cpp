// #13: a spec whose CSV is missing, lacks its target, or whose target does not fit the
// metric or the model was "valid", and every trial then failed.
#include "objectives/SpecDataCheck.h"
#include "spec/StudySpecParser.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace tw;

class TestSpecDataCheck : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    QString write(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    static StudySpec spec(const QString& csv, const QString& metric, const QJsonObject& datasetExtra = {},
                          const QString& model = QStringLiteral("mlp"))
    {
        QJsonObject dataset = datasetExtra;
        dataset.insert("source", "csv:" + csv);
        const QJsonObject doc{{"metric", metric},
                              {"objective", QJsonObject{{"type", "train"},
                                                        {"dataset", dataset},
                                                        {"model", QJsonObject{{"type", model}}}}}};
        auto r = StudySpecParser::parseObject(doc);
        if (!r)
            qFatal("%s", qPrintable(r.error()));
        return r.value();
    }

    // Rows of two features and a target: a class name, an integer or a fraction.
    QString table(const QString& name, int rows, const char* kind)
    {
        QByteArray text = "f1,f2,label\n";
        for (int i = 0; i < rows; ++i) {
            text += QByteArray::number(i % 7) + "," + QByteArray::number(i % 5 * 0.5) + ",";
            if (qstrcmp(kind, "text") == 0)
                text += i % 2 ? "cat" : "dog";
            else if (qstrcmp(kind, "int") == 0)
                text += QByteArray::number(i % 3);
            else
                text += QByteArray::number(i * 0.37 + 0.1);
            text += "\n";
        }
        return write(name, text);
    }

private slots:
    void fittingDataPasses()
    {
        QCOMPARE(SpecDataCheck::check(spec(table("text.csv", 40, "text"), "val_accuracy")), QString());
        QCOMPARE(SpecDataCheck::check(spec(table("float.csv", 40, "float"), "val_rmse")), QString());
        QCOMPARE(SpecDataCheck::check(spec(table("int.csv", 40, "int"), "val_f1_macro", {}, "softmax")), QString());
        // Built-in sources are the parser's business.
        auto builtin = StudySpecParser::parseObject(
            QJsonObject{{"metric", "val_accuracy"},
                        {"objective", QJsonObject{{"type", "train"}, {"dataset", QJsonObject{{"source", "builtin:iris"}}}}}});
        QVERIFY(builtin.ok());
        QCOMPARE(SpecDataCheck::check(*builtin), QString());
    }

    void missingFileIsNamed()
    {
        const QString missing = m_dir.filePath("nowhere.csv");
        const QString e = SpecDataCheck::check(spec(missing, "val_loss"));
        QVERIFY2(e.startsWith("objective.dataset.source: " + missing + ": no such file"), qPrintable(e));
    }

    void unknownColumnsAreNamed()
    {
        const QString csv = table("cols.csv", 30, "text");
        QString e = SpecDataCheck::check(spec(csv, "val_accuracy", {{"target", "species"}}));
        QVERIFY2(e.startsWith("objective.dataset.target: "), qPrintable(e));
        QVERIFY2(e.contains("target column 'species' not found") && e.contains("f1, f2, label"), qPrintable(e));
        e = SpecDataCheck::check(spec(csv, "val_accuracy", {{"columns", QJsonObject{{"ignore", QJsonArray{"f3"}}}}}));
        QVERIFY2(e.startsWith("objective.dataset.columns.ignore: "), qPrintable(e));
        QVERIFY2(e.contains("'f3' not found"), qPrintable(e));
    }

    void taskMustFitTheMetricAndTheModel()
    {
        QString e = SpecDataCheck::check(spec(table("f.csv", 30, "float"), "val_accuracy"));
        QVERIFY2(e.startsWith("objective.dataset.target: metric \"val_accuracy\" needs a classification target"),
                 qPrintable(e));
        QVERIFY2(e.contains("'label'"), qPrintable(e));
        e = SpecDataCheck::check(spec(table("t.csv", 30, "text"), "val_rmse"));
        QVERIFY2(e.startsWith("objective.dataset.target: metric \"val_rmse\" needs a regression target"), qPrintable(e));
        e = SpecDataCheck::check(spec(table("t2.csv", 30, "text"), "val_loss", {}, "linear"));
        QVERIFY2(e.startsWith("objective.model.type: \"linear\" needs a regression target"), qPrintable(e));
        e = SpecDataCheck::check(spec(table("i3.csv", 30, "int"), "val_loss", {}, "logistic"));
        QVERIFY2(e.startsWith("objective.model.type: \"logistic\" needs a classification target with 2 classes"),
                 qPrintable(e));
    }

    void aSampleDecidesOnlyWhatItCan()
    {
        // Over the 1 MiB sample: sorted by class, the first rows hold one class only, and
        // integer targets may be either task. Neither is judged from the sample.
        QByteArray text = "f1,label\n";
        for (int i = 0; i < 400000; ++i)
            text += QByteArray::number(i % 10) + (i < 300000 ? ",a\n" : ",b\n");
        QVERIFY(text.size() > (1 << 20));
        QCOMPARE(SpecDataCheck::check(spec(write("sorted.csv", text), "val_accuracy")), QString());
        QByteArray ints = "f1,label\n";
        for (int i = 0; i < 400000; ++i)
            ints += QByteArray::number(i % 10) + "," + QByteArray::number(i % 4) + "\n";
        QCOMPARE(SpecDataCheck::check(spec(write("ints.csv", ints), "val_rmse")), QString());
        // A fraction in the first rows is certain: never a class label.
        const QByteArray fractional = "f1,label\n1,0.5\n" + ints.mid(ints.indexOf('\n') + 1);
        const QString e = SpecDataCheck::check(spec(write("frac.csv", fractional), "val_accuracy"));
        QVERIFY2(e.contains("needs a classification target"), qPrintable(e));
    }

    void aChangedFileIsReadAgain()
    {
        const QString csv = m_dir.filePath("changing.csv");
        const StudySpec s = spec(csv, "val_accuracy");
        QVERIFY(!SpecDataCheck::check(s).isEmpty());
        table("changing.csv", 30, "text");
        QCOMPARE(SpecDataCheck::check(s), QString());
    }
};

QTEST_GUILESS_MAIN(TestSpecDataCheck)
#include "tst_specdatacheck.moc"
