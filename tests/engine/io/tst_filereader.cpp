#include "io/FileReader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

using tw::FileReader;

// #13 item 9: spec and params files are regular files read with a size limit; a FIFO or a
// device is refused at once (never blocks, never reads without end).
class tst_FileReader : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void readsARegularFile()
    {
        const QString path = m_dir.filePath("spec.json");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"a\": 1}");
        f.close();
        const auto r = FileReader::readAll(path);
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QCOMPARE(r.value(), QByteArray("{\"a\": 1}"));
        QCOMPARE(FileReader::defaultLimit, qint64(64) * 1024 * 1024);
    }

    void refusesWhatIsNotARegularFile()
    {
        const auto folder = FileReader::readAll(m_dir.path());
        QCOMPARE(folder.error(), m_dir.path() + ": not a regular file (it is a folder); expected a file");
        const auto zero = FileReader::readAll("/dev/zero");
        QCOMPARE(zero.error(), QString("/dev/zero: not a regular file (it is a character device); expected a file"));
        const QString fifo = m_dir.filePath("fifo");
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        const auto pipe = FileReader::readAll(fifo);  // no writer: must not wait for one
        QCOMPARE(pipe.error(), fifo + ": not a regular file (it is a FIFO); expected a file");
        QFile::remove(fifo);
    }

    void refusesAFileOverTheLimit()
    {
        const QString path = m_dir.filePath("big.json");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QVERIFY(f.resize(qint64(65) << 20));  // sparse: nothing is written
        f.close();
        const auto r = FileReader::readAll(path);
        QVERIFY(!r.ok());
        QCOMPARE(r.error(), path + ": larger than 64 MiB (65 MiB); expected a file of at most 64 MiB");
        QFile::remove(path);
    }

    void namesTheFileAsAsked()
    {
        const auto r = FileReader::readAll(m_dir.filePath("missing.json"), "missing.json");
        QCOMPARE(r.error(), QString("missing.json: cannot read: No such file or directory"));
    }
};

QTEST_GUILESS_MAIN(tst_FileReader)
#include "tst_filereader.moc"
