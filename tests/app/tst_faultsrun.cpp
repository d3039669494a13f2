// ctest-labels: integration faults
// #13: what a user's bad day does to a study, through the built tunewright-cli. kill -9 at
// seeded random moments, then a resume reaches exactly the budget with no trial left
// running; SIGTERM cancels (exit 143) and the cancelled trial runs again on resume; a
// first Ctrl+C pauses, a second cancels (exit 130); no
// process of a trial's group outlives the trial, nor a kill -9 of the CLI; the
// experiment file passes PRAGMA integrity_check after every fault.
// Nothing here is timed: waits poll with generous bounds (a loaded 2-core machine).
#include "StorageOpener.h"
#include "core/Random.h"
#include "study/StudyStorage.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QDeadlineTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include "support/ProgramRun.h"

#include <csignal>
#include <sys/types.h>

using tw::test::runCli;

namespace {

// Whether `pid` runs (a zombie does not: it is only waiting to be reaped).
bool alive(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray stat = f.readAll();
    const qsizetype close = stat.lastIndexOf(')');
    return close >= 0 && stat.size() > close + 2 && stat[close + 2] != 'Z' && stat[close + 2] != 'X';
}

// The live processes of process group `group`.
QList<qint64> groupMembers(qint64 group)
{
    QList<qint64> out;
    for (const QString& entry : QDir("/proc").entryList(QDir::Dirs)) {
        bool ok = false;
        const qint64 pid = entry.toLongLong(&ok);
        if (!ok)
            continue;
        QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray stat = f.readAll();
        const qsizetype close = stat.lastIndexOf(')');
        if (close < 0)
            continue;
        // After "(comm)": state ppid pgrp ...
        const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
        if (fields.size() > 2 && fields[0] != "Z" && fields[0] != "X" && fields[2].toLongLong() == group)
            out << pid;
    }
    return out;
}

// Polls until every process of `pids` and of their groups is gone, up to 20 s.
bool allGone(const QList<qint64>& pids, const QList<qint64>& groups, QString* left)
{
    QDeadlineTimer deadline(20000);
    for (;;) {
        QStringList still;
        for (qint64 p : pids)
            if (alive(p))
                still << QString::number(p);
        for (qint64 g : groups)
            for (qint64 p : groupMembers(g))
                still << QStringLiteral("%1 (group %2)").arg(p).arg(g);
        if (still.isEmpty())
            return true;
        if (deadline.hasExpired()) {
            *left = still.join(", ");
            return false;
        }
        QTest::qWait(100);
    }
}

QString integrity(const QString& file)
{
    const QString name = QStringLiteral("integrity-%1").arg(quintptr(&file));
    QString result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(file);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!db.open())
            return QStringLiteral("cannot open: ") + db.lastError().text();
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("PRAGMA integrity_check")) || !q.next())
            result = QStringLiteral("cannot check");
        else
            result = q.value(0).toString();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

struct Tally {
    int complete = 0, pruned = 0, failedCounted = 0, failedReplaced = 0, running = 0, waiting = 0;
    int counted() const { return complete + pruned + failedCounted; }
    QStringList reasons;
};

Tally tally(const QString& url)
{
    Tally t;
    auto storage = tw::StorageOpener::open(url);
    const auto studies = storage->studies();
    if (studies.empty())
        return t;
    for (const auto& trial : storage->trials(studies.front().id)) {
        switch (trial.state) {
        case tw::TrialState::Complete: ++t.complete; break;
        case tw::TrialState::Pruned: ++t.pruned; break;
        case tw::TrialState::Running: ++t.running; break;
        case tw::TrialState::Waiting: ++t.waiting; break;
        case tw::TrialState::Failed:
            (tw::StudyStorage::countsTowardBudget(trial) ? t.failedCounted : t.failedReplaced)++;
            t.reasons << QString::fromStdString(trial.reason);
            break;
        }
    }
    return t;
}

QList<qint64> pidsIn(const QString& dir, const QString& suffix)
{
    QList<qint64> out;
    for (const QString& name : QDir(dir).entryList({"*" + suffix}, QDir::Files)) {
        QFile f(QDir(dir).filePath(name));
        if (f.open(QIODevice::ReadOnly))
            out << f.readAll().trimmed().toLongLong();
    }
    return out;
}

} // namespace

class tst_FaultsRun : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    static QString cli() { return tw::test::binPath(QStringLiteral("tunewright-cli")); }

    QString writeFile(const QString& name, const QByteArray& text, bool executable = false)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(text);
        f.close();
        if (executable)
            f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
        return path;
    }

    QString spec(const QString& name, const QJsonObject& objective, const QJsonObject& space, int trials,
                 int parallel)
    {
        const QJsonObject doc{{"version", 1},
                              {"name", name},
                              {"direction", "minimize"},
                              {"objective", objective},
                              {"search_space", space},
                              {"sampler", QJsonObject{{"type", "random"}, {"seed", 5}}},
                              {"budget", QJsonObject{{"trials", trials}, {"parallel", parallel}}},
                              {"retry", QJsonObject{{"heartbeat_s", 0.2}, {"grace_s", 30}}}};
        return writeFile(name + ".json", QJsonDocument(doc).toJson());
    }

    // A command trial that starts a background child, says who they are, and reports x.
    QJsonObject commandObjective(const QString& script, const QString& pids)
    {
        QDir().mkpath(pids);
        return QJsonObject{{"type", "command"},
                           {"argv", QJsonArray{script, "{x}"}},
                           {"workdir", m_dir.path()},
                           {"env", QJsonObject{{"PIDS", pids}}}};
    }

    static QJsonObject xSpace()
    {
        return QJsonObject{{"x", QJsonObject{{"type", "float"}, {"low", 0.0}, {"high", 1.0}}}};
    }

    // A study of `trials` command trials, one at a time, each held running (with a
    // background child) while the file `hold` exists; it exists at first.
    struct HeldStudy {
        QString pids, hold, spec, file, url;
    };
    HeldStudy heldStudy(const QString& name, int trials)
    {
        HeldStudy h;
        h.pids = m_dir.filePath("pids-" + name);
        h.hold = writeFile("hold-" + name, "");
        const QString script = writeFile("held-" + name + ".sh",
                                         "#!/bin/sh\n"
                                         "sleep 60 &\n"
                                         "echo $! > \"$PIDS/$$.bg\"\n"
                                         "echo $$ > \"$PIDS/$$.leader\"\n"
                                         "while [ -e \"$HOLD\" ]; do sleep 0.05; done\n"
                                         "echo '{\"value\": 1}'\n",
                                         true);
        QJsonObject objective = commandObjective(script, h.pids);
        objective["env"] = QJsonObject{{"PIDS", h.pids}, {"HOLD", h.hold}};
        h.spec = spec(name, objective, xSpace(), trials, 1);
        h.file = m_dir.filePath(name + ".twx");
        h.url = "sqlite:///" + h.file;
        return h;
    }

    // Starts `run` of a held study in `p` and returns once its trial's child runs.
    static void startHeld(QProcess& p, const HeldStudy& h)
    {
        p.start(cli(), {"run", h.spec, "--storage", h.url});
        QVERIFY(p.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(!pidsIn(h.pids, ".bg").isEmpty(), 60000);
    }

    // kill -9 at seeded random moments, then a run to the end: exactly the budget.
    void killLoop(const QString& specPath, const QString& file, int budget, int rounds, int minMs, int maxMs)
    {
        const QString url = "sqlite:///" + file;
        tw::Random rng(13);
        auto delay = [&](tw::Random& r) { return static_cast<int>(r.between(minMs, maxMs)); };
        int kills = 0;
        for (int round = 0; round < rounds; ++round) {
            QProcess p;
            p.start(cli(), {"run", specPath, "--storage", url});
            QVERIFY(p.waitForStarted());
            if (p.waitForFinished(delay(rng))) {
                QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
                break;  // it reached the budget first
            }
            ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
            QVERIFY(p.waitForFinished(60000));
            ++kills;
            if (QFileInfo::exists(file))
                QCOMPARE(integrity(file), QString("ok"));
        }
        const auto r = runCli({"run", specPath, "--storage", url});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(integrity(file), QString("ok"));
        const Tally t = tally(url);
        qInfo("%d kills; %d complete, %d failed and run again (%s)", kills, t.complete, t.failedReplaced,
              qPrintable(QStringList(t.reasons.mid(0, 3)).join("; ")));
        QCOMPARE(t.running, 0);
        QCOMPARE(t.waiting, 0);
        QCOMPARE(t.failedCounted, 0);
        QCOMPARE(t.complete, budget);
        for (const QString& reason : t.reasons)
            QCOMPARE(reason, QString("owner process died"));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo::exists(cli()), "build tunewright-cli first");
    }

    void killNineFunctionStudyReachesTheBudget()
    {
        const QString path = spec("fn", QJsonObject{{"type", "function"}, {"name", "branin"}}, QJsonObject{}, 300, 2);
        killLoop(path, m_dir.filePath("fn.twx"), 300, 5, 150, 700);
    }

    // With command trials, whose processes must not outlive a kill -9 of the CLI either.
    void killNineCommandStudyReachesTheBudgetAndLeavesNoProcess()
    {
        const QString pids = m_dir.filePath("pids-loop");
        const QString script = writeFile("trial.sh",
                                         "#!/bin/sh\n"
                                         "sleep 60 &\n"
                                         "echo $! > \"$PIDS/$$.bg\"\n"
                                         "echo $$ > \"$PIDS/$$.leader\"\n"
                                         "sleep 0.1\n"
                                         "echo \"{\\\"value\\\": $1}\"\n",
                                         true);
        const QString path = spec("cmd", commandObjective(script, pids), xSpace(), 16, 2);
        killLoop(path, m_dir.filePath("cmd.twx"), 16, 4, 400, 1200);
        QString left;
        QVERIFY2(allGone(pidsIn(pids, ".bg"), pidsIn(pids, ".leader"), &left),
                 qPrintable("still running: " + left));
    }

    // SIGTERM: exit 143 at once, the running trial stored failed as "cancelled", its
    // processes stopped; the next run runs it again and reaches the budget.
    void sigtermCancelsAndResumes()
    {
        const HeldStudy held = heldStudy("term", 2);
        const auto& [pids, hold, path, file, url] = held;

        QProcess p;
        startHeld(p, held);
        if (QTest::currentTestFailed())
            return;
        ::kill(static_cast<pid_t>(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 143);
        QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains("SIGTERM"));
        QCOMPARE(integrity(file), QString("ok"));
        QString left;
        QVERIFY2(allGone(pidsIn(pids, ".bg"), pidsIn(pids, ".leader"), &left), qPrintable("still running: " + left));
        Tally t = tally(url);
        QCOMPARE(t.running, 0);
        QCOMPARE(t.failedReplaced, 1);
        QCOMPARE(t.reasons, QStringList{"cancelled"});
        QCOMPARE(t.waiting, 1);  // the cancelled trial, queued again

        QFile::remove(hold);
        const auto r = runCli({"run", path, "--storage", url});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        t = tally(url);
        QCOMPARE(t.complete, 2);
        QCOMPARE(t.running + t.waiting + t.failedCounted, 0);
        QVERIFY2(allGone(pidsIn(pids, ".bg"), pidsIn(pids, ".leader"), &left), qPrintable("still running: " + left));
    }

    // Ctrl+C, the two levels of the run's StopRequest: the first SIGINT pauses (the running
    // trial goes on and completes; exit 130, nothing cancelled), a second one cancels (the
    // running trial is stored failed as "cancelled" and queued again); a resume reaches the
    // budget.
    void sigintPausesThenASecondCancels()
    {
        const HeldStudy held = heldStudy("int", 3);
        const auto& [pids, hold, path, file, url] = held;

        // 1. One SIGINT: the held trial is not stopped; once let go, it completes.
        QProcess p;
        startHeld(p, held);
        if (QTest::currentTestFailed())
            return;
        ::kill(static_cast<pid_t>(p.processId()), SIGINT);
        QVERIFY(!p.waitForFinished(500));  // paused, not stopped: the trial still runs
        QFile::remove(hold);
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 130);
        const QString paused = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(paused.contains("Pausing: the running trials finish first") &&
                     paused.contains("paused, run the same command again to resume"),
                 qPrintable(paused));
        Tally t = tally(url);
        QCOMPARE(t.complete, 1);
        QCOMPARE(t.running + t.waiting + t.failedCounted + t.failedReplaced, 0);

        // 2. Two SIGINTs: the held trial is cancelled and queued again.
        for (const QString& f : QDir(pids).entryList(QDir::Files))
            QFile::remove(QDir(pids).filePath(f));
        writeFile("hold-int", "");
        startHeld(p, held);
        if (QTest::currentTestFailed())
            return;
        ::kill(static_cast<pid_t>(p.processId()), SIGINT);
        QTest::qWait(200);
        ::kill(static_cast<pid_t>(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 130);
        const QString cancelled = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(cancelled.contains("Cancelling the running trials"), qPrintable(cancelled));
        QString left;
        QVERIFY2(allGone(pidsIn(pids, ".bg"), pidsIn(pids, ".leader"), &left), qPrintable("still running: " + left));
        t = tally(url);
        QCOMPARE(t.complete, 1);
        QCOMPARE(t.reasons, QStringList{"cancelled"});
        QCOMPARE(t.waiting, 1);
        QCOMPARE(integrity(file), QString("ok"));

        // 3. The resume runs the queued trial and the rest of the budget.
        QFile::remove(hold);
        const auto r = runCli({"run", path, "--storage", url});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        t = tally(url);
        QCOMPARE(t.complete, 3);
        QCOMPARE(t.running + t.waiting + t.failedCounted, 0);
    }

    // kill -9 of the CLI while a trial runs: the trial's command and its child die too
    // (PR_SET_PDEATHSIG, and the group's watcher), and the next run reclaims the trial at
    // once as "owner process died".
    void killNineTakesTheTrialsProcesses()
    {
        const QString pids = m_dir.filePath("pids-nine");
        const QString hold = m_dir.filePath("hold-nine");
        writeFile("hold-nine", "");
        const QString script = writeFile("held9.sh",
                                         "#!/bin/sh\n"
                                         "sleep 60 &\n"
                                         "echo $! > \"$PIDS/$$.bg\"\n"
                                         "echo $$ > \"$PIDS/$$.leader\"\n"
                                         "while [ -e \"$HOLD\" ]; do sleep 0.05; done\n"
                                         "echo '{\"value\": 1}'\n",
                                         true);
        QJsonObject objective = commandObjective(script, pids);
        objective["env"] = QJsonObject{{"PIDS", pids}, {"HOLD", hold}};
        const QString path = spec("nine", objective, xSpace(), 1, 1);
        const QString file = m_dir.filePath("nine.twx");
        const QString url = "sqlite:///" + file;
        QProcess p;
        p.start(cli(), {"run", path, "--storage", url});
        QVERIFY(p.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(!pidsIn(pids, ".bg").isEmpty(), 60000);
        ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(integrity(file), QString("ok"));
        QString left;
        QVERIFY2(allGone(pidsIn(pids, ".bg"), pidsIn(pids, ".leader"), &left), qPrintable("still running: " + left));
        QCOMPARE(tally(url).running, 1);

        QFile::remove(hold);
        const auto r = runCli({"run", path, "--storage", url});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const Tally t = tally(url);
        QCOMPARE(t.complete, 1);
        QCOMPARE(t.reasons, QStringList{"owner process died"});
        QCOMPARE(t.running + t.waiting + t.failedCounted, 0);
    }
};

QTEST_GUILESS_MAIN(tst_FaultsRun)
#include "tst_faultsrun.moc"
