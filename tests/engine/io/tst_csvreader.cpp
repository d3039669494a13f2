#include "io/CsvReader.h"
#include "io/DataError.h"

#include <QDir>
#include <QFile>
#include <QTemporaryFile>
#include <QtTest>

#include "support/TestPaths.h"
#include <cmath>
#include <cstring>

using tw::ColumnRef;
using tw::ColumnSummary;
using tw::CsvOptions;
using tw::CsvReader;
using tw::LoadedDataset;
using tw::MissingPolicy;
using tw::Task;

namespace {

// A sequential device that hands out its bytes a few at a time, like a pipe.
class TrickleDevice : public QIODevice {
public:
    TrickleDevice(QByteArray data, int step)
        : m_data(std::move(data))
        , m_step(step)
    {
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char* into, qint64 max) override
    {
        const qint64 n = std::min<qint64>({max, m_step, m_data.size() - m_pos});
        std::memcpy(into, m_data.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_pos = 0;
    qint64 m_step;
};

LoadedDataset readText(const QByteArray& text, CsvOptions options = {})
{
    return CsvReader(options).readBytes(text, "test.csv");
}

QString errorOf(const QByteArray& text, CsvOptions options = {})
{
    try {
        readText(text, options);
    } catch (const tw::DataError& e) {
        return QString::fromStdString(e.what());
    }
    return QString();
}

std::vector<std::string> strings(std::initializer_list<const char*> list)
{
    return std::vector<std::string>(list.begin(), list.end());
}

} // namespace

class tst_CsvReader : public QObject {
    Q_OBJECT
private slots:
    void readsHeaderNumbersAndTextTarget()
    {
        const auto r = readText("sepal,petal,species\n5.1,1.4,setosa\n7.0,4.7,versicolor\n"
                                "6.3,6.0,virginica\n4.9,1.4,setosa\n");
        const auto& d = r.data;
        QCOMPARE(d.rows(), Eigen::Index(4));
        QCOMPARE(d.features(), Eigen::Index(2));
        QCOMPARE(d.task, Task::Classification);
        QCOMPARE(d.featureNames, strings({"sepal", "petal"}));
        QCOMPARE(d.targetName, std::string("species"));
        QCOMPARE(d.classLabels, strings({"setosa", "versicolor", "virginica"}));
        QCOMPARE(d.x(1, 0), 7.0f);
        QCOMPARE(d.x(2, 1), 6.0f);
        QCOMPARE(d.y(0), 0.0f);
        QCOMPARE(d.y(1), 1.0f);
        QCOMPARE(d.y(2), 2.0f);
        QCOMPARE(d.y(3), 0.0f);
        QCOMPARE(r.format, std::string("csv, comma-delimited, header row"));
        QCOMPARE(r.columns.size(), size_t(3));
        QCOMPARE(r.columns[2].role, ColumnSummary::Role::Target);
        QCOMPARE(r.columns[2].type, ColumnSummary::Type::Text);
        QCOMPARE(r.columns[2].categories, 3);
    }

    void sniffsDelimiters_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("delimiter");
        QTest::newRow("comma") << QByteArray("a,b,y\n1,2,0\n3,4,1\n") << int(',');
        QTest::newRow("semicolon") << QByteArray("a;b;y\n1.5;2;0\n3;4;1\n") << int(';');
        QTest::newRow("tab") << QByteArray("a\tb\ty\n1\t2\t0\n3\t4\t1\n") << int('\t');
        QTest::newRow("pipe") << QByteArray("a|b|y\n1|2|0\n3|4|1\n") << int('|');
        QTest::newRow("quoted commas in a semicolon file")
            << QByteArray("a;b;y\n\"1,2,3\";2;0\n\"4,5\";4;1\n") << int(';');
        QTest::newRow("single column") << QByteArray("a\n1\n2\n") << int(',');
    }
    void sniffsDelimiters()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, delimiter);
        QCOMPARE(int(CsvReader::sniffDelimiter(std::string_view(text.constData(), size_t(text.size())))),
                 delimiter);
    }

    void readsEveryDelimiter()
    {
        for (const char* text : {"a,b,y\n1,2,0\n3,4,1\n", "a;b;y\n1;2;0\n3;4;1\n",
                                 "a\tb\ty\n1\t2\t0\n3\t4\t1\n", "a|b|y\n1|2|0\n3|4|1\n"}) {
            const auto d = readText(text).data;
            QCOMPARE(d.rows(), Eigen::Index(2));
            QCOMPARE(d.features(), Eigen::Index(2));
            QCOMPARE(d.x(1, 1), 4.0f);
        }
    }

    void quotingFollowsRfc4180()
    {
        CsvOptions o;
        o.target = ColumnRef::byName("y");
        const auto d = readText("name,x,y\n"
                                "\"a,b\",1,0\n"
                                "\"say \"\"hi\"\"\",2,1\n"
                                "\"two\nlines\",3,0\n"
                                "plain,4,1\n"
                                "\"a,b\",5,1\n",
                                o)
                           .data;
        QCOMPARE(d.rows(), Eigen::Index(5));
        // Categories sorted by byte order, each a one-hot feature.
        QCOMPARE(d.featureNames,
                 strings({"name=a,b", "name=plain", "name=say \"hi\"", "name=two\nlines", "x"}));
        QCOMPARE(d.x(0, 0), 1.0f);
        QCOMPARE(d.x(1, 2), 1.0f);
        QCOMPARE(d.x(1, 0), 0.0f);
        QCOMPARE(d.x(2, 3), 1.0f);
        QCOMPARE(d.x(2, 4), 3.0f);
        QCOMPARE(d.x(4, 0), 1.0f);
        QCOMPARE(d.x(4, 4), 5.0f);
    }

    void quotedNumbersAreNumbers()
    {
        const auto d = readText("\"a\",\"b\",\"y\"\n\"1.5\",\" 2 \",0\n\"3\",4,1\n").data;
        QCOMPARE(d.featureNames, strings({"a", "b= 2 ", "b=4"}));  // " 2 " keeps its spaces: text
        QCOMPARE(d.x(0, 0), 1.5f);
    }

    void linesAreCountedAcrossQuotedLineBreaks()
    {
        const QString e = errorOf("a,b,y\n\"x\ny\",1,q\n\"z\",abc,r\n");
        QVERIFY2(e.startsWith("test.csv:4:5: expected a number in column 'b'"), qPrintable(e));
    }

    void columnsCountCharactersNotBytes()
    {
        const QString e = errorOf("n,x,y\na,1,p\n\xc3\xa9\xc3\xa9,abc,q\n");
        QVERIFY2(e.startsWith("test.csv:3:4: expected a number"), qPrintable(e));
    }

    void crlfBomAndBlankLines()
    {
        const auto r = readText("\xEF\xBB\xBF"
                                "a,b,y\r\n\r\n1,2,0\r\n   \r\n3,4,1\r\n\r\n5,6,0");
        QCOMPARE(r.data.featureNames, strings({"a", "b"}));
        QCOMPARE(r.data.rows(), Eigen::Index(3));
        QCOMPARE(r.data.x(2, 1), 6.0f);
        const QString e = errorOf("\xEF\xBB\xBF"
                                  "a,b,y\r\n\r\n1,2,0\r\n3,x,1\r\n");
        QVERIFY2(e.startsWith("test.csv:4:3:"), qPrintable(e));
        // A lone CR ends a line too.
        QCOMPARE(readText("a,b,y\r1,2,0\r3,4,1\r").data.rows(), Eigen::Index(2));
    }

    void excelExportFile()
    {
        CsvOptions o;
        o.ignore = {ColumnRef::byName("id")};
        o.missing = MissingPolicy::Mean;
        const auto r = CsvReader(o).readFile(
            tw::test::testData(QStringLiteral("csv/good/excel_semicolon.csv")));
        const auto& d = r.data;
        QCOMPARE(r.format, std::string("csv, semicolon-delimited, header row"));
        QCOMPARE(d.rows(), Eigen::Index(5));
        QCOMPARE(d.classLabels, strings({"no", "yes"}));
        QCOMPARE(d.featureNames.front(), std::string("Product name=Chair; oak"));
        QVERIFY(std::find(d.featureNames.begin(), d.featureNames.end(),
                          "Product name=Lamp\r\nwith shade") != d.featureNames.end());
        QVERIFY(std::find(d.featureNames.begin(), d.featureNames.end(),
                          "Product name=Table \"Nordic\"") != d.featureNames.end());
        const auto col = [&](const std::string& name) {
            return int(std::find(d.featureNames.begin(), d.featureNames.end(), name) -
                       d.featureNames.begin());
        };
        QCOMPARE(d.features(), Eigen::Index(5 + 3 + 2));
        QCOMPARE(d.x(2, col("price")), float((49.5 + 199 + 79.25 + 499) / 4));
        QCOMPARE(d.x(3, col("rating")), 4.0f);
        QCOMPARE(d.x(3, col("colour=green")), 1.0f);
        QCOMPARE(d.x(3, col("colour=red")), 0.0f);
        QCOMPARE(r.imputedValues, 2LL);
        QCOMPARE(r.columns[0].role, ColumnSummary::Role::Ignored);
        QCOMPARE(r.columns[3].missing, 1LL);
        QCOMPARE(r.columns[4].missing, 1LL);
        QCOMPARE(r.columns[2].featureCount, 3);
    }

    void pipeFileWithoutHeader()
    {
        const auto r =
            CsvReader().readFile(tw::test::testData(QStringLiteral("csv/good/pipe_noheader.csv")));
        const auto& d = r.data;
        QCOMPARE(r.format, std::string("csv, pipe-delimited, no header row"));
        QCOMPARE(d.rows(), Eigen::Index(4));
        QCOMPARE(d.featureNames, strings({"column_0", "column_1"}));
        QCOMPARE(d.targetName, std::string("column_2"));
        QCOMPARE(d.task, Task::Classification);
        QCOMPARE(d.x(0, 1), 2.5f);
        QCOMPARE(d.x(1, 0), -300.0f);
        QCOMPARE(d.x(1, 1), 4.0f);
        QCOMPARE(d.x(2, 1), 0.5f);
        QCOMPARE(d.x(3, 1), 8.0f);
    }

    void headerModeCanBeForced()
    {
        CsvOptions o;
        o.header = tw::HeaderMode::Absent;
        o.task = tw::TaskChoice::Classification;
        auto d = readText("red,small,yes\nblue,big,no\nred,big,no\n", o).data;
        QCOMPARE(d.rows(), Eigen::Index(3));
        QCOMPARE(d.featureNames.front(), std::string("column_0=blue"));
        o.header = tw::HeaderMode::Present;
        d = readText("1,2,3\n4,5,0\n6,7,1\n", o).data;
        QCOMPARE(d.featureNames, strings({"1", "2"}));
        QCOMPARE(d.rows(), Eigen::Index(2));
    }

    void oneHotEncodesTextColumns()
    {
        CsvOptions o;
        o.categorical = {ColumnRef::byName("size")};
        const auto r = readText("color,size,w,y\nred,1,0.5,a\ngreen,3,1,b\nblue,1,2,a\nred,2,3,b\n", o);
        const auto& d = r.data;
        QCOMPARE(d.featureNames, strings({"color=blue", "color=green", "color=red", "size=1",
                                          "size=2", "size=3", "w"}));
        Eigen::MatrixXf expected(4, 7);
        expected << 0, 0, 1, 1, 0, 0, 0.5f,  //
            0, 1, 0, 0, 0, 1, 1,             //
            1, 0, 0, 1, 0, 0, 2,             //
            0, 0, 1, 0, 1, 0, 3;
        QCOMPARE(Eigen::MatrixXf(d.x), expected);
        QCOMPARE(r.columns[0].type, ColumnSummary::Type::Text);
        QCOMPARE(r.columns[0].firstFeature, 0);
        QCOMPARE(r.columns[0].featureCount, 3);
        QCOMPARE(r.columns[2].firstFeature, 6);
    }

    void missingPolicies()
    {
        const QByteArray text = "a,c,y\n1,red,x\n,blue,y\n4,,x\n4,red,\n9,red,y\n";
        CsvOptions o;
        o.missing = MissingPolicy::Drop;
        auto r = readText(text, o);
        QCOMPARE(r.data.rows(), Eigen::Index(2));
        QCOMPARE(r.droppedRows, 3LL);
        QCOMPARE(r.data.x(1, 0), 9.0f);
        QCOMPARE(r.data.featureNames, strings({"a", "c=red"}));  // blue only in a dropped row
        QCOMPARE(r.columns[0].missing, 1LL);
        QCOMPARE(r.columns[1].missing, 1LL);
        QCOMPARE(r.columns[2].missing, 1LL);

        o.missing = MissingPolicy::Mean;  // the row without a target is dropped
        r = readText(text, o);
        QCOMPARE(r.data.rows(), Eigen::Index(4));
        QCOMPARE(r.droppedRows, 1LL);
        QCOMPARE(r.imputedValues, 2LL);
        QCOMPARE(r.data.x(1, 0), float((1 + 4 + 9) / 3.0));
        QCOMPARE(r.data.featureNames, strings({"a", "c=blue", "c=red"}));
        QCOMPARE(r.data.x(2, 2), 1.0f);  // text takes its mode, red
        QCOMPARE(r.data.x(2, 1), 0.0f);

        o.missing = MissingPolicy::Mode;
        r = readText("a,y\n1,x\n4,y\nNaN,x\n4,y\n1,x\n", o);
        QCOMPARE(r.data.x(2, 0), 1.0f);  // a tie between 1 and 4 goes to the smaller
        r = readText("a,y\n1,x\n4,y\nN/A,x\n4,y\n1,x\n4,x\n", o);
        QCOMPARE(r.data.x(2, 0), 4.0f);

        const QString e = errorOf(text);
        QVERIFY2(e.startsWith("test.csv:3:1: missing value (empty field) in column 'a'"),
                 qPrintable(e));
    }

    void targetAndIgnoredColumns()
    {
        const QByteArray text = "id,label,f1,f2\n1,a,0.5,10\n2,b,1.5,20\n3,a,2.5,30\n";
        CsvOptions o;
        o.target = ColumnRef::byName("label");
        o.ignore = {ColumnRef::byIndex(0)};
        auto d = readText(text, o).data;
        QCOMPARE(d.featureNames, strings({"f1", "f2"}));
        QCOMPARE(d.classLabels, strings({"a", "b"}));
        QCOMPARE(d.y(1), 1.0f);

        o = {};
        o.target = ColumnRef::fromText("1");  // no column is named "1": index 1
        o.ignore = {ColumnRef::fromText("id")};
        d = readText(text, o).data;
        QCOMPARE(d.targetName, std::string("label"));

        o = {};
        o.target = ColumnRef::byIndex(-2);  // from the end: f1
        o.ignore = {ColumnRef::byName("id"), ColumnRef::byName("label")};
        d = readText(text, o).data;
        QCOMPARE(d.task, Task::Regression);
        QCOMPARE(d.targetName, std::string("f1"));
        QCOMPARE(d.featureNames, strings({"f2"}));
        QCOMPARE(d.y(2), 2.5f);

        o = {};
        QCOMPARE(QString::fromStdString(o.set("target", "label")), QString());
        QCOMPARE(QString::fromStdString(o.set("ignore", "id,f2")), QString());
        d = readText(text, o).data;
        QCOMPARE(d.featureNames, strings({"f1"}));
    }

    void numericTargetTaskRule()
    {
        // Few distinct integers, at least two rows each on average: classes.
        auto d = readText("x,digit\n1,3\n2,0\n3,3\n4,10\n5,0\n6,10\n").data;
        QCOMPARE(d.task, Task::Classification);
        QCOMPARE(d.classLabels, strings({"0", "3", "10"}));  // numeric order
        QCOMPARE(d.y(3), 2.0f);
        // Integers but one per row: regression.
        d = readText("x,y\n1,151\n2,75\n3,141\n4,206\n").data;
        QCOMPARE(d.task, Task::Regression);
        QCOMPARE(d.y(0), 151.0f);
        // Fractions: regression.
        d = readText("x,y\n1,0.5\n2,1.5\n3,0.5\n4,1.5\n").data;
        QCOMPARE(d.task, Task::Regression);
        // More than maxAutoClasses distinct integers: regression.
        QByteArray many = "x,y\n";
        for (int i = 0; i < 100; ++i)
            many += QByteArray::number(i) + "," + QByteArray::number(i % 25) + "\n";
        QCOMPARE(readText(many).data.task, Task::Regression);
        // The caller decides.
        CsvOptions o;
        o.task = tw::TaskChoice::Classification;
        d = readText("x,y\n1,0.5\n2,1.5\n3,0.5\n4,1.5\n", o).data;
        QCOMPARE(d.task, Task::Classification);
        QCOMPARE(d.classLabels, strings({"0.5", "1.5"}));
        QCOMPARE(readText(many, o).data.classCount(), 25);
        o.task = tw::TaskChoice::Regression;
        d = readText("x,digit\n1,3\n2,0\n3,3\n4,10\n5,0\n6,10\n", o).data;
        QCOMPARE(d.task, Task::Regression);
        QCOMPARE(d.y(3), 10.0f);
    }

    void numberForms()
    {
        const auto d =
            readText("a,y\n+1.5,0\n-2e3,1\n.25,0\n7.,1\n1E-2,0\n1e-50,1\n 3 ,0\n").data;
        QCOMPARE(d.x(0, 0), 1.5f);
        QCOMPARE(d.x(1, 0), -2000.0f);
        QCOMPARE(d.x(2, 0), 0.25f);
        QCOMPARE(d.x(3, 0), 7.0f);
        QCOMPARE(d.x(4, 0), 0.01f);
        QCOMPARE(d.x(5, 0), 0.0f);
        QCOMPARE(d.x(6, 0), 3.0f);
    }

    void capsFieldLengthAtOneMebibyteByDefault()
    {
        QByteArray text = "a,y\n1,x\n";
        text += QByteArray(2 << 20, 'z') + ",y\n";
        const QString e = errorOf(text);
        QVERIFY2(e.startsWith("test.csv:3:1: field longer than 1048576 bytes"), qPrintable(e));
        // An unclosed quote in a large file meets the cap rather than the end of the file.
        QByteArray open = "a,y\n\"1,x\n";
        for (int i = 0; i < 400000; ++i)
            open += "1,x\n";
        const QString e2 = errorOf(open);
        QVERIFY2(e2.contains("test.csv:2:1: field longer than") && e2.contains("unclosed quote"),
                 qPrintable(e2));
    }

    // Fields and records that straddle the reader's 1 MiB blocks, quoted ones included.
    void streamsAcrossBlocks()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        QByteArray text = "id,name,v,y\n";
        const int rows = 120000;
        for (int i = 0; i < rows; ++i) {
            text += QByteArray::number(i) + ",\"n " + QByteArray::number(i % 3) +
                    (i % 7 == 0 ? "\r\nwrapped \"\"q\"\"\"" : "\"") + "," +
                    QByteArray::number(i * 0.5) + "," + QByteArray::number(i % 2) +
                    (i % 2 ? "\r\n" : "\n");
            if (i == 50000)
                text += "9," + QByteArray(700000, 'w') + ",1,0\n";  // one long field
        }
        file.write(text);
        file.flush();
        QVERIFY(text.size() > (3 << 20));
        CsvOptions o;
        o.ignore = {ColumnRef::byName("name")};
        const auto d = CsvReader(o).readFile(file.fileName()).data;
        QCOMPARE(d.rows(), Eigen::Index(rows + 1));
        QCOMPARE(d.x(rows, 0), float(rows - 1));
        QCOMPARE(d.x(rows, 1), float((rows - 1) * 0.5));
        QCOMPARE(d.x(50001, 0), 9.0f);
        QCOMPARE(d.x(50002, 0), 50001.0f);
        QCOMPARE(d.y(rows), float((rows - 1) % 2));
        o.ignore.clear();
        const auto r = CsvReader(o).readFile(file.fileName());
        // n 0, n 1, n 2, each also with a quoted line break, and the long field.
        QCOMPARE(r.columns[1].categories, 7);
        QCOMPARE(r.data.features(), Eigen::Index(9));
        QCOMPARE(r.data.featureNames[1], std::string("name=n 0"));
        QCOMPARE(r.data.featureNames[2], std::string("name=n 0\r\nwrapped \"q\""));
        QCOMPARE(r.data.x(0, 2), 1.0f);
        QCOMPARE(r.data.x(21, 2), 1.0f);
        QCOMPARE(r.data.x(3, 1), 1.0f);
        QCOMPARE(r.data.x(3, 2), 0.0f);
    }

    void readsSequentialDevicesInSmallPieces()
    {
        const QByteArray text = "\xEF\xBB\xBF"
                                "name;v;y\r\n\"a;\r\nb\";1.5;x\r\n\xc3\xa9t\xc3\xa9;2;y\r\nc;3;x";
        for (int step : {1, 2, 3, 7, 1000}) {
            TrickleDevice device(text, step);
            const auto r = CsvReader().read(device, "pipe");
            QCOMPARE(r.data.rows(), Eigen::Index(3));
            QCOMPARE(r.data.featureNames,
                     strings({"name=a;\r\nb", "name=c", "name=\xc3\xa9t\xc3\xa9", "v"}));
            QCOMPARE(r.data.x(1, 3), 2.0f);
            QCOMPARE(r.format, std::string("csv, semicolon-delimited, header row"));
        }
        TrickleDevice bad("a,y\n1,x\n2,\xe2\x82", 1);
        QVERIFY_THROWS_EXCEPTION(tw::DataError, CsvReader().read(bad, "pipe"));
    }

    void readsBuiltInResource()
    {
        const auto r = CsvReader().readFile(":/datasets/iris.csv");
        QCOMPARE(r.data.rows(), Eigen::Index(150));
        QCOMPARE(r.data.features(), Eigen::Index(4));
        QCOMPARE(r.data.classCounts(), (std::vector<Eigen::Index>{50, 50, 50}));
    }

    void unreadableFileIsADataError()
    {
        const QString e = [] {
            try {
                CsvReader().readFile("/nonexistent/x.csv");
            } catch (const tw::DataError& err) {
                return QString::fromStdString(err.what());
            }
            return QString();
        }();
        QVERIFY2(e.startsWith("/nonexistent/x.csv: cannot open"), qPrintable(e));
    }

    void optionSetterReportsWhatItExpects()
    {
        CsvOptions o;
        QVERIFY(o.set("delimiter", "tab").empty());
        QCOMPARE(o.delimiter, '\t');
        QVERIFY(o.set("missing", "mode").empty());
        QCOMPARE(o.missing, MissingPolicy::Mode);
        QVERIFY(QString::fromStdString(o.set("missing", "zero")).contains("expected error, drop, mean or mode"));
        QVERIFY(QString::fromStdString(o.set("delimiter", "x")).contains("expected one of"));
        QVERIFY(QString::fromStdString(o.set("colour", "x")).contains("unknown CSV option"));
        QVERIFY(!o.set("max-field-bytes", "0").empty());
        CsvOptions quoteDelimiter;
        quoteDelimiter.delimiter = '"';
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, CsvReader{quoteDelimiter});
    }

    void malformedCorpus_data()
    {
        QTest::addColumn<QString>("path");
        QDir dir(tw::test::testData(QStringLiteral("csv/bad")));
        const auto files = dir.entryList({"*.csv"}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 30);
        for (const auto& f : files)
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }
    void malformedCorpus()
    {
        QFETCH(QString, path);
        const QString base = path.chopped(4);
        QFile expectedFile(base + ".expected");
        QVERIFY2(expectedFile.open(QIODevice::ReadOnly), "every corpus file needs NAME.expected");
        const QString expected = QString::fromUtf8(expectedFile.readLine()).trimmed();
        QVERIFY(!expected.isEmpty());
        CsvOptions options;
        QFile optionFile(base + ".options");
        if (optionFile.open(QIODevice::ReadOnly)) {
            for (const QByteArray& line : optionFile.readAll().split('\n')) {
                const int eq = line.indexOf('=');
                if (eq < 0)
                    continue;
                const std::string error = options.set(line.left(eq).trimmed().toStdString(),
                                                      line.mid(eq + 1).trimmed().toStdString());
                QVERIFY2(error.empty(), error.c_str());
            }
        }
        try {
            CsvReader(options).readFile(path);
            QFAIL("the file was read without an error");
        } catch (const tw::DataError& e) {
            const QString message = QString::fromStdString(e.what());
            QVERIFY2(message.contains(expected),
                     qPrintable("expected '" + expected + "' in: " + message));
            QVERIFY2(message.startsWith(path), qPrintable(message));
        }
    }
};

QTEST_GUILESS_MAIN(tst_CsvReader)
#include "tst_csvreader.moc"
