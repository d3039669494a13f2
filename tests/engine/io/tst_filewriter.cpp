#include "io/FileWriter.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using tw::FileWriter;

// #13 items 5 and 6: every write is checked to the end, leaves no partial target, and never
// replaces what is not a regular file.
class tst_FileWriter : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    static QByteArray read(const QString& path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("(unreadable)");
    }

    // The folder's entries: a failed or finished write leaves no temporary file behind.
    QStringList entries() const { return QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::System); }

private slots:
    void writesAndReplacesWhole()
    {
        const QString path = m_dir.filePath("out.csv");
        QCOMPARE(FileWriter::write(path, "a,b\n1,2\n"), QString());
        QCOMPARE(read(path), QByteArray("a,b\n1,2\n"));
        QCOMPARE(FileWriter::write(path, "new\n"), QString());
        QCOMPARE(read(path), QByteArray("new\n"));
        QCOMPARE(entries(), QStringList{"out.csv"});
        QFile::remove(path);
    }

    void keepsTheModeOfAnExistingFile()
    {
        const QString path = m_dir.filePath("mode.json");
        QCOMPARE(FileWriter::write(path, "{}"), QString());
        QVERIFY(::chmod(QFile::encodeName(path).constData(), 0640) == 0);
        QCOMPARE(FileWriter::write(path, "{\"a\": 1}"), QString());
        struct stat st {};
        QVERIFY(::stat(QFile::encodeName(path).constData(), &st) == 0);
        QCOMPARE(int(st.st_mode & 07777), 0640);
        QFile::remove(path);
    }

    void followsASymbolicLink()
    {
        const QString target = m_dir.filePath("real.txt");
        const QString link = m_dir.filePath("link.txt");
        QCOMPARE(FileWriter::write(target, "old"), QString());
        QVERIFY(QFile::link(target, link));
        QCOMPARE(FileWriter::write(link, "new"), QString());
        QVERIFY(QFileInfo(link).isSymLink());
        QCOMPARE(read(target), QByteArray("new"));
        QFile::remove(link);
        QFile::remove(target);
    }

    void failuresNameTheFileAndTheReason()
    {
        const QString missing = m_dir.filePath("no/such/folder/out.csv");
        const QString e = FileWriter::write(missing, "x");
        QVERIFY2(e.startsWith("cannot write " + missing + ": No such file or directory"), qPrintable(e));
        const QString folder = FileWriter::write(m_dir.path(), "x");
        QVERIFY2(folder.contains("it is a folder"), qPrintable(folder));
        QVERIFY(QFileInfo(m_dir.path()).isDir());
        QVERIFY(FileWriter::write(QString(), "x").contains("empty"));
    }

    void aDeviceIsWrittenNotReplaced()
    {
        if (!QFileInfo::exists("/dev/full"))
            QSKIP("this system has no /dev/full");
        const QString e = FileWriter::write("/dev/full", QByteArray(1000, 'x'));
        QVERIFY2(e == "cannot write /dev/full: No space left on device", qPrintable(e));
        struct stat st {};
        QVERIFY(::stat("/dev/full", &st) == 0);
        QVERIFY(S_ISCHR(st.st_mode));
        QCOMPARE(FileWriter::write("/dev/null", "anything"), QString());
        QVERIFY(::stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode));
    }

    void aFifoIsWrittenInPlace()
    {
        const QString fifo = m_dir.filePath("pipe");
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        QByteArray got;
        std::thread reader([&] {
            const int fd = ::open(QFile::encodeName(fifo).constData(), O_RDONLY);
            char buffer[4096];
            for (ssize_t n; fd >= 0 && (n = ::read(fd, buffer, sizeof buffer)) > 0;)
                got.append(buffer, n);
            if (fd >= 0)
                ::close(fd);
        });
        const QByteArray bytes(100000, 'z');  // more than a pipe holds: the reader drains it
        const QString e = FileWriter::write(fifo, bytes);
        reader.join();
        QCOMPARE(e, QString());
        QCOMPARE(got, bytes);
        struct stat st {};
        QVERIFY(::stat(QFile::encodeName(fifo).constData(), &st) == 0);
        QVERIFY(S_ISFIFO(st.st_mode));
        QFile::remove(fifo);
    }

    void aReadOnlyFolderKeepsNothing()
    {
        if (::geteuid() == 0)
            QSKIP("root writes into any folder; tst_faultsio covers a read-only file system");
        QTemporaryDir dir;
        QVERIFY(::chmod(QFile::encodeName(dir.path()).constData(), 0555) == 0);
        const QString e = FileWriter::write(dir.filePath("x.csv"), "x");
        ::chmod(QFile::encodeName(dir.path()).constData(), 0755);
        QVERIFY2(e.endsWith("Permission denied"), qPrintable(e));
        QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_FileWriter)
#include "tst_filewriter.moc"
