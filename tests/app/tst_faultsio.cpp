// ctest-labels: integration faults
#include "support/ProgramRun.h"
#include "support/Tmpfs.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <cstring>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <sys/mount.h>  // MS_RDONLY
#include <sys/stat.h>
#include <unistd.h>

// #13, the faults a user's bad day brings to files, through the built tunewright-cli: a full
// disk, /dev/full, a FIFO, a read-only folder or experiment, a mistyped path, /dev/zero and a
// FIFO as a spec. Each ends with exit 1 (environment) or 2 (input), a message in words,
// nothing half-written, and an experiment file that passes PRAGMA integrity_check.
using tw::test::runCli;
using tw::test::ProgramOptions;
using tw::test::runProgram;

namespace {

using tw::test::Tmpfs;

bool isRoot() { return ::geteuid() == 0; }

QString integrity(const QString& file)
{
    const QString name = QStringLiteral("integrity-%1").arg(qHash(file));
    QString result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(file);
        if (!db.open())
            return "cannot open: " + db.lastError().text();
        QSqlQuery q(db);
        result = q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next() ? q.value(0).toString()
                                                                             : q.lastError().text();
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool isFifo(const QString& path)
{
    struct stat st {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 && S_ISFIFO(st.st_mode);
}

// Quick to run: a few seconds for the whole file, never a timing assertion.
tw::test::ProgramResult runQuick(const QStringList& args)
{
    ProgramOptions options;
    options.timeoutMs = 30000;
    return runProgram(QStringLiteral("tunewright-cli"), args, options);
}

} // namespace

class tst_FaultsIo : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_experiment;  // a study "io" with a few complete trials
    QString m_spec;

    QString writeSpec(const QString& path, const QString& name, int trials)
    {
        const QJsonObject spec{{"version", 1}, {"name", name}, {"direction", "minimize"},
                               {"objective", QJsonObject{{"type", "function"}, {"name", "branin"}}},
                               {"search_space", QJsonObject{}},
                               {"sampler", QJsonObject{{"type", "random"}, {"seed", 3}}},
                               {"budget", QJsonObject{{"trials", trials}}}};
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        f.write(QJsonDocument(spec).toJson());
        return path;
    }

    QStringList storage(const QString& file) const { return {"--storage", file}; }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(tw::test::binPath("tunewright-cli")), "build tunewright-cli first");
        m_experiment = m_dir.filePath("exp.twx");
        m_spec = writeSpec(m_dir.filePath("io.json"), "io", 6);
        const auto r = runCli(QStringList{"run", m_spec} + storage(m_experiment));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void exportToStdout()
    {
        const auto r = runQuick(QStringList{"export", "--trials", "-"} + storage(m_experiment));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("number,"), qPrintable(r.out));
        QCOMPARE(r.out.count('\n'), 7);
        QVERIFY(!r.err.contains("wrote"));
    }

    void exportOntoDevFull()
    {
        if (!QFileInfo::exists("/dev/full"))
            QSKIP("no /dev/full here");
        const auto r = runQuick(QStringList{"export", "--trials", "/dev/full"} + storage(m_experiment));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("cannot write /dev/full: No space left on device"), qPrintable(r.err));
        QVERIFY(!r.err.contains("wrote"));
        struct stat st {};
        QVERIFY(::stat("/dev/full", &st) == 0 && S_ISCHR(st.st_mode));  // still the device
        QCOMPARE(integrity(m_experiment), QString("ok"));
    }

    void exportOntoFifo()
    {
        const QByteArray expected =
            runQuick(QStringList{"export", "--trials", "-"} + storage(m_experiment)).out.toUtf8();
        QVERIFY(!expected.isEmpty());
        const QString fifo = m_dir.filePath("leaderboard.fifo");
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        // Read and write ends held here: neither side can block on opening the FIFO.
        const int fd = ::open(QFile::encodeName(fifo).constData(), O_RDWR | O_NONBLOCK);
        QVERIFY(fd >= 0);
        tw::test::ProgramResult r;
        std::thread cli([&] { r = runQuick(QStringList{"export", "--trials", fifo} + storage(m_experiment)); });
        QByteArray got;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (got.size() < expected.size() && std::chrono::steady_clock::now() < deadline) {
            pollfd p{fd, POLLIN, 0};
            if (::poll(&p, 1, 200) > 0) {
                char buffer[4096];
                const ssize_t n = ::read(fd, buffer, sizeof buffer);
                if (n > 0)
                    got.append(buffer, n);
            }
        }
        cli.join();
        ::close(fd);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(got, expected);
        QVERIFY(isFifo(fifo));  // written in place, not replaced by a regular file
        QFile::remove(fifo);
    }

    void exportIntoReadOnlyFolder()
    {
        const QString folder = m_dir.filePath("readonly-folder");
        std::unique_ptr<Tmpfs> fs;
        if (isRoot()) {
            fs = std::make_unique<Tmpfs>(folder, "size=1m");
            if (!fs->mounted())
                QSKIP(qPrintable("running as root, but cannot mount a tmpfs: " + fs->error()));
            QVERIFY(fs->remount(MS_RDONLY, "size=1m"));
        } else {
            QVERIFY(QDir().mkpath(folder));
            QVERIFY(::chmod(QFile::encodeName(folder).constData(), 0555) == 0);
        }
        const QString target = folder + "/best.json";
        const auto r = runQuick(QStringList{"export", "--best", target} + storage(m_experiment));
        if (!isRoot())
            ::chmod(QFile::encodeName(folder).constData(), 0755);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("cannot write " + target + ": ") &&
                     (r.err.contains("Read-only file system") || r.err.contains("Permission denied")),
                 qPrintable(r.err));
        QVERIFY(QDir(folder).entryList(QDir::Files | QDir::Hidden).isEmpty());
    }

    void exportOntoFullTmpfs()
    {
        if (!isRoot())
            QSKIP("a full file system needs a tmpfs, which only root can mount here");
        const QString folder = m_dir.filePath("full");
        Tmpfs fs(folder, "size=200k");
        if (!fs.mounted())
            QSKIP(qPrintable("cannot mount a tmpfs: " + fs.error()));
        const QString target = folder + "/trials.csv";
        auto r = runQuick(QStringList{"export", "--trials", target} + storage(m_experiment));
        QCOMPARE(r.exitCode, 0);
        const QByteArray before = readFile(target);
        QVERIFY(!before.isEmpty());
        {
            QFile filler(folder + "/filler");
            QVERIFY(filler.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
            const QByteArray block(4096, 'f');
            while (filler.write(block) == block.size()) {
            }
        }
        for (const QString& kind : {QString("--trials"), QString("--best"), QString("--optuna-journal")}) {
            const QString file = kind == "--trials" ? target : folder + "/out" + (kind == "--best" ? ".json" : ".log");
            r = runQuick(QStringList{"export", kind, file} + storage(m_experiment));
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains("cannot write " + file + ": No space left on device"), qPrintable(r.err));
            QVERIFY(!r.err.contains("wrote"));
        }
        QCOMPARE(readFile(target), before);  // the old file, whole
        QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden), (QStringList{"filler", "trials.csv"}));
        QCOMPARE(integrity(m_experiment), QString("ok"));
    }

    void readOnlyExperimentCanBeRead()
    {
        const QString folder = m_dir.filePath("readonly-exp");
        std::unique_ptr<Tmpfs> fs;
        if (isRoot()) {
            fs = std::make_unique<Tmpfs>(folder, "size=8m");
            if (!fs->mounted())
                QSKIP(qPrintable("running as root, but cannot mount a tmpfs: " + fs->error()));
        } else {
            QVERIFY(QDir().mkpath(folder));
        }
        const QString file = folder + "/exp.twx";
        QVERIFY(runCli(QStringList{"run", m_spec} + storage(file)).exitCode == 0);
        const QByteArray before = readFile(file);
        if (isRoot()) {
            QVERIFY(fs->remount(MS_RDONLY, "size=8m"));
        } else {
            QVERIFY(::chmod(QFile::encodeName(file).constData(), 0444) == 0);
            QVERIFY(::chmod(QFile::encodeName(folder).constData(), 0555) == 0);
        }
        auto r = runQuick(QStringList{"trials", "--format", "json"} + storage(file));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array().size(), 6);
        r = runQuick(QStringList{"best"} + storage(file));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runQuick(QStringList{"studies"} + storage(file));
        QVERIFY2(r.exitCode == 0 && r.out.startsWith("io "), qPrintable(r.err + r.out));
        r = runQuick(QStringList{"export", "--trials", m_dir.filePath("from-readonly.csv")} + storage(file));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // Running writes: an environment error, in words.
        r = runQuick(QStringList{"run", m_spec, "--trials", "8"} + storage(file));
        QVERIFY2(r.exitCode == 1, qPrintable(r.err));
        QVERIFY2(r.err.contains("read-only"), qPrintable(r.err));
        QVERIFY2(!r.err.contains("INSERT") && !r.err.contains("UPDATE") && !r.err.contains("::"), qPrintable(r.err));
        if (isRoot()) {
            QVERIFY(fs->remount(0, "size=8m"));
        } else {
            ::chmod(QFile::encodeName(folder).constData(), 0755);
            ::chmod(QFile::encodeName(file).constData(), 0644);
        }
        QCOMPARE(readFile(file), before);
        QCOMPARE(integrity(file), QString("ok"));
    }

    void diskFullDuringRun()
    {
        if (!isRoot())
            QSKIP("a full file system needs a tmpfs, which only root can mount here");
        const QString folder = m_dir.filePath("full-run");
        Tmpfs fs(folder, "size=200k");
        if (!fs.mounted())
            QSKIP(qPrintable("cannot mount a tmpfs: " + fs.error()));
        const QString file = folder + "/exp.twx";
        const QString spec = writeSpec(m_dir.filePath("big.json"), "big", 300);
        auto r = runCli(QStringList{"run", spec} + storage(file));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("the disk is full"), qPrintable(r.err));
        QVERIFY2(!r.err.contains("INSERT") && !r.err.contains("UPDATE") && !r.err.contains("::"), qPrintable(r.err));
        // More room: the same command resumes, and the file is whole.
        QVERIFY(fs.remount(0, "size=32m"));
        QCOMPARE(integrity(file), QString("ok"));
        r = runCli(QStringList{"run", spec} + storage(file));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(integrity(file), QString("ok"));
        r = runQuick(QStringList{"trials", "--format", "json"} + storage(file));
        QVERIFY(QJsonDocument::fromJson(r.out.toUtf8()).array().size() >= 300);
    }

    void readCommandsCreateNothing()
    {
        const QString typo = m_dir.filePath("tpyo/exp.twx");
        for (const QStringList& args : {QStringList{"trials"}, QStringList{"best"}, QStringList{"studies"},
                                        QStringList{"export", "--trials", m_dir.filePath("x.csv")},
                                        QStringList{"worker"}, QStringList{"delete-study", "--study", "io", "--yes"}}) {
            const auto r = runQuick(args + storage(typo));
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains("no such experiment file: " + typo), qPrintable(r.err));
        }
        QVERIFY(!QFileInfo::exists(m_dir.filePath("tpyo")));
        QVERIFY(!QFileInfo::exists(m_dir.filePath("x.csv")));
    }

    void specsAreRegularFilesOfBoundedSize()
    {
        const QString fifo = m_dir.filePath("spec.fifo");
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        const QString big = m_dir.filePath("big-spec.json");
        {
            QFile f(big);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QVERIFY(f.resize((qint64(64) << 20) + 1));  // sparse
        }
        const QString exp = m_dir.filePath("never.twx");
        const QString train = m_dir.filePath("train.json");
        {
            QFile f(train);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(R"({"name": "t", "metric": "val_accuracy",
                        "objective": {"type": "train", "dataset": {"source": "builtin:iris"},
                                      "training": {"epochs": 1}},
                        "search_space": {}, "sampler": {"type": "random"}})");
        }
        struct Case {
            QStringList args;
            QString message;
        };
        const QList<Case> cases{
            {{"run", "/dev/zero", "--storage", exp}, "/dev/zero: not a regular file (it is a character device)"},
            {{"run", fifo, "--storage", exp}, fifo + ": not a regular file (it is a FIFO)"},
            {{"run", big, "--storage", exp}, big + ": larger than 64 MiB"},
            {{"train", train, "--params", "@/dev/zero"}, "/dev/zero: not a regular file"},
            {{"train", "/dev/urandom"}, "/dev/urandom: not a regular file"},
            {{"predict", "--model", fifo, "--data", m_spec}, fifo + ": not a regular file"},
        };
        for (const auto& c : cases) {
            const auto r = runQuick(c.args);
            QVERIFY2(r.exitCode == 2, qPrintable(c.args.join(' ') + ": " + r.err));
            QVERIFY2(r.err.contains(c.message), qPrintable(r.err));
        }
        QVERIFY(!QFileInfo::exists(exp));
        QVERIFY(isFifo(fifo));
        QFile::remove(fifo);
        QFile::remove(big);
    }

    void parallelIsCapped()
    {
        const QString spec = writeSpec(m_dir.filePath("capped.json"), "capped", 5);
        const auto r = runCli(QStringList{"run", spec, "--parallel", "100000"} + storage(m_dir.filePath("cap.twx")));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("note: parallel 100000 capped at 5, the trials left in the budget"), qPrintable(r.err));
        QCOMPARE(integrity(m_dir.filePath("cap.twx")), QString("ok"));
    }
};

QTEST_GUILESS_MAIN(tst_FaultsIo)
#include "tst_faultsio.moc"
