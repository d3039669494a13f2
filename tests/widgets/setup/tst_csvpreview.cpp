#include "setup/CsvPreview.h"
#include "setup/CsvPreviewModel.h"

#include "support/TestPaths.h"
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace tw::widgets;

class tst_CsvPreview : public QObject {
    Q_OBJECT
private slots:
    void sniffsTheDelimiter_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("delimiter");
        QTest::newRow("comma") << "a,b,c\n1,2,3\n4,5,6\n" << ",";
        QTest::newRow("semicolon with decimal commas")
            << "a;b;c\n1,5;2,5;3\n4,5;5,5;6\n" << ";";
        QTest::newRow("tab") << "a\tb\n1\t2\n" << "\t";
        QTest::newRow("pipe") << "a|b|c\n1|2|3\n" << "|";
        QTest::newRow("comma inside quotes") << "\"x;y\",b\n\"1;2\",3\n" << ",";
        QTest::newRow("one column") << "a\n1\n2\n" << ",";
    }
    void sniffsTheDelimiter()
    {
        QFETCH(QString, text);
        QFETCH(QString, delimiter);
        QCOMPARE(QString(CsvPreview::sniffDelimiter(text)), delimiter);
    }

    void parsesQuotesAndLineBreaks()
    {
        const auto records = CsvPreview::parseRecords(
            "name,note\r\n\"Smith, J\",\"said \"\"hi\"\"\"\n\n plain ,\"two\nlines\"\nlast,", u',', -1);
        QCOMPARE(records.size(), 4);
        QCOMPARE(records[1], (QStringList{"Smith, J", "said \"hi\""}));
        QCOMPARE(records[2], (QStringList{"plain", "two\nlines"}));
        QCOMPARE(records[3], (QStringList{"last", ""}));
    }

    void detectsTheHeader()
    {
        const CsvPreview withHeader = CsvPreview::fromText("x,y,label\n1,2,a\n3,4,b\n", {});
        QVERIFY(withHeader.ok());
        QVERIFY(withHeader.hasHeader());
        QCOMPARE(withHeader.columns(), (QStringList{"x", "y", "label"}));
        QCOMPARE(withHeader.rows().size(), 2);

        const CsvPreview numbers = CsvPreview::fromText("1,2,a\n3,4,b\n", {});
        QVERIFY(!numbers.hasHeader());
        QCOMPARE(numbers.columns(), (QStringList{"column 0", "column 1", "column 2"}));
        QCOMPARE(numbers.rows().size(), 2);

        CsvPreview::Options forced;
        forced.header = false;
        QCOMPARE(CsvPreview::fromText("x,y\n1,2\n", forced).rows().size(), 2);

        // Only text: names that recur below are data, not a header.
        QVERIFY(CsvPreview::fromText("colour,size\nred,big\nblue,small\n", {}).hasHeader());
        QVERIFY(!CsvPreview::fromText("red,big\nblue,big\n", {}).hasHeader());
    }

    void readsAFileWithBomAndLimits()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath("data.csv"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("\xEF\xBB\xBFid,value\n");
        for (int i = 0; i < 500; ++i)
            f.write(QByteArray::number(i) + "," + QByteArray::number(i * 0.5) + "\n");
        f.close();
        CsvPreview::Options o;
        o.maxRows = 200;
        const CsvPreview p = CsvPreview::read(f.fileName(), o);
        QVERIFY2(p.ok(), qPrintable(p.error()));
        QCOMPARE(p.columns(), (QStringList{"id", "value"}));
        QCOMPARE(p.rows().size(), 200);
        QVERIFY(p.truncated());
        QCOMPARE(p.rows().last().first(), QStringLiteral("199"));

        // A byte limit in the middle of a line drops the partial line.
        o.maxBytes = 100;
        const CsvPreview cut = CsvPreview::read(f.fileName(), o);
        QVERIFY(cut.truncated());
        for (const QStringList& row : cut.rows())
            QCOMPARE(row.size(), 2);

        const CsvPreview missing = CsvPreview::read(dir.filePath("nope.csv"));
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().contains("cannot read"));
        QVERIFY(!CsvPreview::fromText("\n\n", {}).ok());
    }

    void readsTheTestFile()
    {
        const CsvPreview p =
            CsvPreview::read(tw::test::testData(QStringLiteral("setup/flowers.csv")));
        QVERIFY2(p.ok(), qPrintable(p.error()));
        QCOMPARE(p.delimiter(), QChar(u';'));
        QVERIFY(p.hasHeader());
        QCOMPARE(p.columns(), (QStringList{"id", "sepal length", "sepal width", "petal_length",
                                           "petal_width", "species"}));
        QCOMPARE(p.rows().size(), 6);
        QCOMPARE(p.rows().last().last(), QStringLiteral("virginica"));
    }

    void modelHasARoleRowAndOneTarget()
    {
        CsvPreviewModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setPreview(CsvPreview::fromText("a,b,c\n1,2,x\n3,4,y\n", {}));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), 3);
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("b"));
        QCOMPARE(model.targetColumn(), 2); // the last column by default
        QCOMPARE(model.data(model.index(0, 2)).toString(), QStringLiteral("target"));
        QCOMPARE(model.data(model.index(2, 1)).toString(), QStringLiteral("4"));
        QVERIFY(model.flags(model.index(0, 0)) & Qt::ItemIsEditable);
        QVERIFY(!(model.flags(model.index(1, 0)) & Qt::ItemIsEditable));

        QSignalSpy edited(&model, &CsvPreviewModel::rolesEdited);
        QVERIFY(model.setData(model.index(0, 0), "target"));
        QCOMPARE(model.targetColumn(), 0);
        QCOMPARE(model.role(2), CsvPreviewModel::ColumnRole::Feature);
        QVERIFY(model.setData(model.index(0, 1), "ignore"));
        QCOMPARE(model.ignoredColumns(), QList<int>{1});
        QVERIFY(!model.setData(model.index(0, 1), "bogus"));
        QVERIFY(!model.setData(model.index(1, 1), "target"));
        QCOMPARE(edited.count(), 2);

        model.setRoles(-1, {0});
        QCOMPARE(model.targetColumn(), -1);
        QCOMPARE(model.ignoredColumns(), QList<int>{0});
        QCOMPARE(edited.count(), 2); // programmatic roles are not edits
        model.setPreview(CsvPreview::fromText("p,q\n1,2\n", {}));
        QCOMPARE(model.columnCount(), 2);
        QCOMPARE(model.targetColumn(), 1);
    }
};

QTEST_MAIN(tst_CsvPreview)
#include "tst_csvpreview.moc"
