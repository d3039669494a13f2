#include "support/ProgramRun.h"
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

using tw::test::runCli;

} // namespace

class tst_DatasetCommand : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(tw::test::binPath(QStringLiteral("tunewright-cli"))),
                 "build the tunewright-cli target first");
    }

    void irisAsJson()
    {
        const auto r = runCli({"dataset", "inspect", "builtin:iris", "--format", "json"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(o["rows"].toInt(), 150);
        QCOMPARE(o["features"].toInt(), 4);
        QCOMPARE(o["task"].toString(), QString("classification"));
        QCOMPARE(o["target"].toString(), QString("species"));
        const QJsonArray classes = o["classes"].toArray();
        QCOMPARE(classes.size(), 3);
        QStringList labels;
        for (const auto& c : classes) {
            QCOMPARE(c.toObject()["count"].toInt(), 50);
            labels << c.toObject()["label"].toString();
        }
        QCOMPARE(labels, (QStringList{"setosa", "versicolor", "virginica"}));
        const QJsonArray columns = o["columns"].toArray();
        QCOMPARE(columns.size(), 5);
        QCOMPARE(columns[0].toObject()["type"].toString(), QString("numeric"));
        QCOMPARE(columns[4].toObject()["role"].toString(), QString("target"));
        QCOMPARE(o["missing_values"].toInt(), 0);
    }

    void tableShowsColumnsBalanceAndMissing()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath("shop.csv"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("price;colour;bought\n1.5;red;yes\n;blue;no\n2;red;no\n3;NA;yes\n");
        f.close();
        // A relative csv: path starts at the current folder.
        const auto r = runCli({"dataset", "inspect", "csv:shop.csv", "--missing", "mode"},
                              dir.path());
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("rows       4\n"), qPrintable(r.out));
        QVERIFY(r.out.contains("semicolon-delimited"));
        QVERIFY(r.out.contains("missing    2 values; 0 rows dropped, 2 values imputed"));
        QVERIFY(r.out.contains(QRegularExpression("colour\\s+feature\\s+text\\s+1\\s+one-hot, 2 features")));
        QVERIFY(r.out.contains(QRegularExpression("yes\\s+2\\s+50.0%")));
        const auto drop = runCli({"dataset", "inspect", "csv:shop.csv", "--missing=drop",
                                  "--format=json"},
                                 dir.path());
        QCOMPARE(drop.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(drop.out.toUtf8()).object();
        QCOMPARE(o["rows"].toInt(), 2);
        QCOMPARE(o["dropped_rows"].toInt(), 2);
        QCOMPARE(o["columns"].toArray()[0].toObject()["missing"].toInt(), 1);
    }

    // #13 item 19: inspect counts missing values by default (per column, with the lines of
    // the first few) and exits 0; --missing error keeps the strict behaviour.
    void inspectCountsMissingValues()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath("gaps.csv"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("a,b,y\n1,,x\n2,3,y\nNA,4,x\n5,?,y\n6,7,\n8,,x\n9,1,y\n10,,x\n11,,y\n12,,x\n13,,y\n");
        f.close();
        const auto r = runCli({"dataset", "inspect", "csv:gaps.csv"}, dir.path());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("missing    9 values, counted"), qPrintable(r.out));
        QVERIFY2(r.out.contains(QRegularExpression("\\n  a\\s+1  line 4\\n")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QRegularExpression("\\n  b\\s+7  lines 2, 5, 7, 9, 10, \\.\\.\\.\\n")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QRegularExpression("\\n  y\\s+1  line 6\\n")), qPrintable(r.out));
        const auto json = runCli({"dataset", "inspect", "csv:gaps.csv", "--format", "json"}, dir.path());
        QCOMPARE(json.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(o["missing_policy"].toString(), QString("count"));
        QCOMPARE(o["missing_values"].toInt(), 9);
        QCOMPARE(o["columns"].toArray()[1].toObject()["missing_lines"].toArray(),
                 (QJsonArray{2, 5, 7, 9, 10}));
        const auto strict = runCli({"dataset", "inspect", "csv:gaps.csv", "--missing", "error"}, dir.path());
        QCOMPARE(strict.exitCode, 2);
        QVERIFY2(strict.err.contains("gaps.csv:2:") && strict.err.contains("missing value (empty field) in column 'b'"), qPrintable(strict.err));
        QVERIFY(strict.out.isEmpty());
    }

    void optionsReachTheReader()
    {
        const auto r = runCli({"dataset", "inspect", "builtin:iris", "--target", "petal_width_cm",
                               "--ignore", "species", "--format", "json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o["task"].toString(), QString("regression"));
        QCOMPARE(o["features"].toInt(), 3);
    }

    void badArgumentsExitTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no source") << QStringList{"dataset", "inspect"} << "expected a SOURCE";
        QTest::newRow("bad scheme") << QStringList{"dataset", "inspect", "iris.csv"}
                                    << "expected builtin:NAME, csv:PATH or synthetic:KIND";
        QTest::newRow("bad builtin") << QStringList{"dataset", "inspect", "builtin:irsi"}
                                     << "unknown built-in dataset 'irsi'";
        QTest::newRow("absent file") << QStringList{"dataset", "inspect", "csv:/nonexistent/a.csv"}
                                     << "/nonexistent/a.csv: no such file";
        QTest::newRow("bad format") << QStringList{"dataset", "inspect", "builtin:iris", "--format", "xml"}
                                    << "--format: expected table or json";
        QTest::newRow("bad missing") << QStringList{"dataset", "inspect", "builtin:iris", "--missing", "zero"}
                                     << "expected count, error, drop, mean or mode";
        QTest::newRow("unknown option") << QStringList{"dataset", "inspect", "builtin:iris", "--colour", "red"}
                                        << "unknown CSV option 'colour'";
        QTest::newRow("dangling option") << QStringList{"dataset", "inspect", "builtin:iris", "--target"}
                                         << "--target needs a value";
        QTest::newRow("bad target") << QStringList{"dataset", "inspect", "builtin:iris", "--target", "colour"}
                                    << "target column 'colour' not found";
        QTest::newRow("bad subcommand") << QStringList{"dataset", "show"} << "unknown subcommand 'show'";
    }
    void badArgumentsExitTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const auto r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void malformedCorpusExitsTwo_data()
    {
        QTest::addColumn<QString>("path");
        QDir dir(tw::test::testData(QStringLiteral("csv/bad")));
        const auto files = dir.entryList({"*.csv"}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 30);
        for (const auto& f : files)
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }
    void malformedCorpusExitsTwo()
    {
        QFETCH(QString, path);
        const QString base = path.chopped(4);
        QFile expectedFile(base + ".expected");
        QVERIFY(expectedFile.open(QIODevice::ReadOnly));
        const QString expected = QString::fromUtf8(expectedFile.readLine()).trimmed();
        QStringList args{"dataset", "inspect", "csv:" + path};
        QFile optionFile(base + ".options");
        if (optionFile.open(QIODevice::ReadOnly)) {
            for (const QByteArray& line : optionFile.readAll().split('\n')) {
                const int eq = line.indexOf('=');
                if (eq > 0)
                    args << "--" + QString::fromUtf8(line.left(eq).trimmed())
                         << QString::fromUtf8(line.mid(eq + 1).trimmed());
            }
        }
        const auto r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(expected), qPrintable("expected '" + expected + "' in: " + r.err));
        QVERIFY(r.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_DatasetCommand)
#include "tst_datasetcommand.moc"
