// #13: the checks before a study read the head of its CSV, bounded, cut at a row.
#include "io/CsvSample.h"
#include "io/DataError.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

using namespace tw;

class TestCsvSample : public QObject {
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

private slots:
    void smallFileIsWhole()
    {
        const QByteArray text = "a,b\n1,2\n3,4";
        const CsvSample s = CsvSample::read(write("small.csv", text));
        QVERIFY(s.whole);
        QCOMPARE(s.bytes, text);
    }

    void largeFileIsCutAfterARow()
    {
        QByteArray text = "a,b\n";
        for (int i = 0; i < 100; ++i)
            text += "1,\"x\ny\"\n"; // a quoted line end inside every row
        const CsvSample s = CsvSample::read(write("large.csv", text), 50);
        QVERIFY(!s.whole);
        QVERIFY(s.bytes.size() <= 50);
        QVERIFY(text.startsWith(s.bytes));
        QVERIFY(s.bytes.endsWith("\"\n")); // a row's end, not the line end inside its quotes
        QCOMPARE(s.bytes.count('"') % 2, 0);
    }

    void onlyRegularFilesAreRead()
    {
        auto fails = [](const QString& path, const char* why) {
            try {
                CsvSample::read(path);
            } catch (const DataError& e) {
                return QString::fromStdString(e.what()).contains(QLatin1String(why));
            }
            return false;
        };
        QVERIFY(fails(m_dir.filePath("missing.csv"), "no such file"));
        QVERIFY(fails(m_dir.path(), "not a regular file"));
        const QString fifo = m_dir.filePath("fifo");
        QCOMPARE(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
        QVERIFY(fails(fifo, "not a regular file")); // and it does not block
    }
};

QTEST_GUILESS_MAIN(TestCsvSample)
#include "tst_csvsample.moc"
