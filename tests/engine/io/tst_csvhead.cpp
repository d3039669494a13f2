// #18: the Setup tab's preview reads the head of a CSV through the reader's own machinery.
#include "io/CsvHead.h"
#include "io/CsvReader.h"
#include "io/DataError.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace tw;

class TestCsvHead : public QObject {
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

    static CsvHead head(const QByteArray& text, const CsvOptions& options = {}, int rows = 200)
    {
        return CsvHead::readBytes(text, QStringLiteral("t.csv"), options, rows);
    }

private slots:
    void sniffsTheDelimiterAsTheReaderDoes_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<char>("delimiter");
        QTest::newRow("comma") << QByteArray("a,b,c\n1,2,3\n4,5,6\n") << ',';
        QTest::newRow("semicolon with decimal commas") << QByteArray("a;b;c\n1,5;2,5;3\n4,5;5,5;6\n") << ';';
        QTest::newRow("tab") << QByteArray("a\tb\n1\t2\n") << '\t';
        QTest::newRow("pipe") << QByteArray("a|b|c\n1|2|3\n") << '|';
        QTest::newRow("comma inside quotes") << QByteArray("\"x;y\",b\n\"1;2\",3\n") << ',';
    }
    void sniffsTheDelimiterAsTheReaderDoes()
    {
        QFETCH(QByteArray, text);
        QFETCH(char, delimiter);
        const CsvHead h = head(text);
        QCOMPARE(h.layout.delimiter, delimiter);
        QCOMPARE(h.layout.delimiter,
                 CsvReader::sniffDelimiter(std::string_view(text.constData(), size_t(text.size()))));
    }

    void quotesAndLineBreaksAsTheTokenizerReadsThem()
    {
        const CsvHead h = head("name,note\r\n\"Smith, J\",\"said \"\"hi\"\"\"\n\n plain ,\"two\nlines\"\nlast,\n");
        QVERIFY(h.layout.header);
        QCOMPARE(h.columns, (QStringList{"name", "note"}));
        QCOMPARE(h.rows.size(), 3);
        QCOMPARE(h.rows[0], (QStringList{"Smith, J", "said \"hi\""}));
        QCOMPARE(h.rows[1], (QStringList{"plain", "two\nlines"}));
        QCOMPARE(h.rows[2], (QStringList{"last", ""}));
        QCOMPARE(h.missing, (std::vector<long long>{0, 1}));
    }

    void headerAndNamesAsTheReaderDecides()
    {
        const CsvHead named = head("x,y,label\n1,2,a\n3,4,b\n");
        QVERIFY(named.layout.header);
        QCOMPARE(named.columns, (QStringList{"x", "y", "label"}));
        QCOMPARE(named.rows.size(), 2);

        const CsvHead numbers = head("1,2,a\n3,4,b\n");
        QVERIFY(!numbers.layout.header);
        QCOMPARE(numbers.columns, (QStringList{"column_0", "column_1", "column_2"}));
        QCOMPARE(numbers.rows.size(), 2);

        CsvOptions absent;
        absent.header = HeaderMode::Absent;
        QCOMPARE(head("x,y\n1,2\n", absent).rows.size(), 2);

        // Missing tokens in any letter case are no text: a first row of them is data.
        const CsvHead missingFirst = head("n/a,NA,?\n1,2,3\n");
        QVERIFY(!missingFirst.layout.header);
        QCOMPARE(missingFirst.missing, (std::vector<long long>{1, 1, 1}));
        // A named target makes its row the header even beside numbers.
        CsvOptions target;
        target.target = ColumnRef::byName("y");
        QVERIFY(head("1,y\n2,3\n", target).layout.header);
        // An empty header cell is named as the reader names it.
        QCOMPARE(head("a,,c\n1,2,3\n").columns, (QStringList{"a", "column_1", "c"}));
    }

    void boundedByRowsAndBytes()
    {
        QByteArray text = "\xEF\xBB\xBFid,value\n";
        for (int i = 0; i < 500; ++i)
            text += QByteArray::number(i) + "," + QByteArray::number(i * 0.5) + "\n";
        const QString path = write("data.csv", text);
        const CsvHead h = CsvHead::read(path, {}, 200);
        QCOMPARE(h.columns, (QStringList{"id", "value"}));
        QCOMPARE(h.rows.size(), 200);
        QVERIFY(h.truncated);
        QCOMPARE(h.rows.last().first(), QStringLiteral("199"));

        // A byte limit in the middle of a line: the partial line is not read.
        const CsvHead cut = CsvHead::read(path, {}, 200, 100);
        QVERIFY(cut.truncated);
        QVERIFY(cut.rows.size() < 20);
        for (const QStringList& row : cut.rows)
            QCOMPARE(row.size(), 2);

        const CsvHead whole = CsvHead::read(path, {}, 1000);
        QCOMPARE(whole.rows.size(), 500);
        QVERIFY(!whole.truncated);
    }

    void badInputFailsAsTheReaderFails()
    {
        const auto message = [](const QByteArray& text) {
            try {
                head(text);
            } catch (const DataError& e) {
                return std::string(e.what());
            }
            return std::string("no error");
        };
        const auto readerMessage = [](const QByteArray& text) {
            try {
                CsvReader().readBytes(text, QStringLiteral("t.csv"));
            } catch (const DataError& e) {
                return std::string(e.what());
            }
            return std::string("no error");
        };
        for (const QByteArray& text : {QByteArray("\n\n"), QByteArray("a,b\n1,2\n3\n"),
                                       QByteArray("a,b\n1,\"2\n"), QByteArray("a,b\n1,\xff\n")}) {
            const std::string m = message(text);
            QVERIFY2(m != "no error", text.constData());
            QCOMPARE(m, readerMessage(text));
        }
        QVERIFY_THROWS_EXCEPTION(DataError, CsvHead::read(m_dir.filePath("nope.csv"), {}));
    }
};

QTEST_MAIN(TestCsvHead)
#include "tst_csvhead.moc"
