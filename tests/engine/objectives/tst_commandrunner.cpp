// ctest-labels: integration
#include "objectives/CommandRunner.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

#include "support/TestPaths.h"
#include <cmath>
#include <csignal>
#include <limits>

using tw::CommandRunner;

class tst_CommandRunner : public QObject {
    Q_OBJECT

    static CommandRunner::Request request(const QString& script, QStringList args = {})
    {
        CommandRunner::Request r;
        r.argv = QStringList{tw::test::testData(QStringLiteral("commands/")) + script} + args;
        r.workdir = tw::test::testData(QStringLiteral("commands"));
        r.trialNumber = 7;
        r.studyName = "demo";
        r.killGraceSeconds = 0.5;
        return r;
    }

    static QString writeScript(QTemporaryDir& dir, const QString& name, const QByteArray& text)
    {
        QFile f(dir.filePath(name));
        f.open(QIODevice::WriteOnly);
        f.write(text);
        f.close();
        f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
        return f.fileName();
    }

    // /proc/PID/stat after "(comm)": state ppid pgrp...; a zombie does not run.
    static QList<QByteArray> statFields(qint64 pid)
    {
        QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        const QByteArray stat = f.readAll();
        const qsizetype close = stat.lastIndexOf(')');
        return close < 0 ? QList<QByteArray>() : stat.mid(close + 2).split(' ');
    }
    static bool running(qint64 pid)
    {
        const auto fields = statFields(pid);
        return !fields.isEmpty() && fields[0] != "Z" && fields[0] != "X";
    }
    static bool groupEmpty(qint64 group)
    {
        for (const QString& entry : QDir("/proc").entryList(QDir::Dirs)) {
            bool ok = false;
            const qint64 pid = entry.toLongLong(&ok);
            if (!ok)
                continue;
            const auto fields = statFields(pid);
            if (fields.size() > 2 && fields[0] != "Z" && fields[0] != "X" && fields[2].toLongLong() == group)
                return false;
        }
        return true;
    }

    static CommandRunner::Request pythonLoop(const QString& mode, const QString& workdir)
    {
        CommandRunner::Request r;
        r.argv = QStringList{"/usr/bin/python3", tw::test::testData(QStringLiteral("commands/reporter_loop.py")), mode};
        r.workdir = workdir;
        r.trialNumber = 2;
        r.studyName = "loop";
        r.env.insert("PYTHONPATH", tw::test::sourcePath(QStringLiteral("python")));
        r.env.insert("PYTHONDONTWRITEBYTECODE", "1");
        r.trialDir = CommandRunner::trialDirFor(workdir, r.studyName, r.trialNumber);
        return r;
    }

    // The checkpoint the script wrote on tunewright.Pruned: "MODE STEP MARKER_SEEN"; the
    // folder is kept, the marker is gone.
    static void checkCheckpoint(const QString& trialDir, const QString& mode)
    {
        QFile f(trialDir + "/checkpoint.txt");
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(trialDir));
        const QStringList words = QString::fromUtf8(f.readAll()).split(u' ', Qt::SkipEmptyParts);
        QCOMPARE(words.size(), 3);
        QCOMPARE(words[0], mode);
        QCOMPARE(words[1], QStringLiteral("3"));  // the step the study pruned, from the marker
        QCOMPARE(words[2].trimmed(), QStringLiteral("True"));
        QVERIFY(!QFileInfo::exists(trialDir + "/.tw-prune"));
    }

private slots:
    void rendersPlaceholdersByType()
    {
        QJsonObject p{{"lr", 0.001}, {"layers", QJsonArray{64, 32}}, {"n", 16}, {"flag", true},
                      {"name", "adam"}, {"cfg", QJsonObject{{"a", 1}}}};
        const auto argv = CommandRunner::renderArgv(
            {"--lr={lr}", "{layers}", "{n}", "{flag}", "{name}", "{cfg}", "{{literal}}"}, p);
        QCOMPARE(argv, (QStringList{"--lr=0.001", "[64,32]", "16", "true", "adam", "{\"a\":1}", "{literal}"}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, CommandRunner::renderArgv({"{missing}"}, p));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, CommandRunner::renderArgv({"{lr"}, p));
    }

    void reportsStepsAndLastResultWins()
    {
        auto r = request("reports.sh", {"{lr}"});
        r.params = QJsonObject{{"lr", 0.01}};
        QList<QPair<long long, double>> steps;
        const auto res = CommandRunner::run(r, [&](long long s, double v) {
            steps.append({s, v});
            return false;
        }, {});
        QCOMPARE(int(res.status), int(CommandRunner::Status::Complete));
        QCOMPARE(*res.value, 0.5);
        QCOMPARE(steps.size(), 3);
        QCOMPARE(steps[1].first, 2LL);
        QCOMPARE(steps[1].second, 0.2);
        QVERIFY(res.stdoutLog.contains("not json at all"));
        QVERIFY(res.stdoutLog.contains("{\"lr\":0.01}"));
        QVERIFY(res.stdoutLog.contains("trial=7 study=demo"));
        QVERIFY(res.stderrLog.contains("args: 0.01"));
    }

    void crashFailsWithStderrTail()
    {
        const auto res = CommandRunner::run(request("crash.sh"), {}, {});
        QCOMPARE(int(res.status), int(CommandRunner::Status::Failed));
        QCOMPARE(res.exitCode, 3);
        QVERIFY(res.reason.contains("exited with code 3"));
        QVERIFY(res.reason.contains("ValueError: bad learning rate"));
        QVERIFY(!res.reason.contains("stderr line 10\n"));  // only the last 20 lines
        QVERIFY(res.reason.contains("stderr line 30"));
    }

    void garbageIsIgnoredButKept()
    {
        const auto res = CommandRunner::run(request("garbage.sh"), {}, {});
        QCOMPARE(int(res.status), int(CommandRunner::Status::Complete));
        QCOMPARE(*res.value, 1.5);  // a final line without newline still counts
        QVERIFY(res.stdoutLog.contains("garbage"));
    }

    void noResultFails()
    {
        const auto res = CommandRunner::run(request("noresult.sh"), {}, {});
        QCOMPARE(int(res.status), int(CommandRunner::Status::Failed));
        QVERIFY(res.reason.contains("no result"));
    }

    void pruneStopsTheWholeGroup()
    {
        QTemporaryDir dir;
        const QString pidFile = dir.filePath("child.pid");
        QElapsedTimer t;
        t.start();
        const auto res = CommandRunner::run(request("hang.sh", {pidFile}),
                                            [](long long step, double) { return step >= 2; }, {});
        QCOMPARE(int(res.status), int(CommandRunner::Status::Pruned));
        QVERIFY(t.elapsed() < 20000);
        QFile f(pidFile);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const pid_t child = f.readAll().trimmed().toInt();
        QVERIFY(child > 0);
        QTRY_VERIFY_WITH_TIMEOUT(::kill(child, 0) != 0, 5000);  // the grandchild is gone too
    }

    // #13 item 16: NaN, Infinity and -Infinity as Python's json.dumps writes them. NaN
    // comes back as the value (the study fails the trial: "the objective returned NaN").
    void readsNonFiniteTokens()
    {
        const double inf = std::numeric_limits<double>::infinity();
        const QList<QPair<QString, double>> cases = {{"NaN", std::nan("")}, {"Infinity", inf}, {"-Infinity", -inf}};
        for (const auto& [token, expected] : cases) {
            QList<double> values;
            const auto res = CommandRunner::run(request("nonfinite.sh", {token}), [&](long long, double v) {
                values.append(v);
                return false;
            }, {});
            QCOMPARE(int(res.status), int(CommandRunner::Status::Complete));
            QVERIFY(res.value);
            if (std::isnan(expected))
                QVERIFY(std::isnan(*res.value));
            else
                QCOMPARE(*res.value, expected);
            QCOMPARE(values.size(), 2);
            QVERIFY(std::isnan(values[0]));
            QCOMPARE(values[1], -inf);
        }
    }

    void aTrialFolderLeftEmptyIsRemoved()
    {
        QTemporaryDir dir;
        auto r = request("reports.sh");
        r.trialDir = CommandRunner::trialDirFor(dir.path(), "my study/1", 4);
        QCOMPARE(r.trialDir, dir.filePath("tw-trials/my_study_1/trial-4"));
        const auto res = CommandRunner::run(r, {}, {});
        QCOMPARE(int(res.status), int(CommandRunner::Status::Complete));
        QVERIFY(!QFileInfo::exists(dir.filePath("tw-trials")));
    }

    // The prune marker: the engine writes it, waits prune_grace_s for the script to exit,
    // and only then stops it. The script (tunewright.Reporter without its SIGTERM
    // handler) sees the marker at its next epoch and saves a checkpoint.
    void aPrunedScriptSeesTheMarkerAndExits()
    {
        if (!QFileInfo::exists("/usr/bin/python3"))
            QSKIP("no /usr/bin/python3");
        QTemporaryDir dir;
        auto r = pythonLoop("marker", dir.path());
        r.pruneGraceSeconds = 120;  // longer than the test may take: the script must exit itself
        const auto res = CommandRunner::run(r, [](long long step, double) { return step >= 3; }, {});
        QCOMPARE(int(res.status), int(CommandRunner::Status::Pruned));
        checkCheckpoint(r.trialDir, "marker");
        QVERIFY2(!res.stderrLog.contains("Traceback"), res.stderrLog.constData());
    }

    // The same with no grace (the default): the SIGTERM that follows the marker at once
    // becomes tunewright.Pruned in the script, which still saves its checkpoint.
    void aPrunedScriptGetsPrunedFromSigterm()
    {
        if (!QFileInfo::exists("/usr/bin/python3"))
            QSKIP("no /usr/bin/python3");
        QTemporaryDir dir;
        auto r = pythonLoop("sigterm", dir.path());
        r.killGraceSeconds = 60;  // it must exit on SIGTERM, not be killed
        const auto res = CommandRunner::run(r, [](long long step, double) { return step >= 3; }, {});
        QCOMPARE(int(res.status), int(CommandRunner::Status::Pruned));
        checkCheckpoint(r.trialDir, "sigterm");
    }

    void timeoutFails()
    {
        QTemporaryDir dir;
        auto r = request("hang.sh", {dir.filePath("p")});
        r.timeoutSeconds = 0.5;
        const auto res = CommandRunner::run(r, {}, {});
        QCOMPARE(int(res.status), int(CommandRunner::Status::Failed));
        QVERIFY(res.reason.contains("timed out"));
    }

    void cancelStops()
    {
        QTemporaryDir dir;
        std::stop_source source;
        source.request_stop();
        const auto res = CommandRunner::run(request("hang.sh", {dir.filePath("p")}), {}, source.get_token());
        QCOMPARE(int(res.status), int(CommandRunner::Status::Cancelled));
    }

    // #13 (item 20): a command killed by a signal says which.
    void aSignalIsNamed()
    {
        QTemporaryDir dir;
        const QString script = writeScript(dir, "segv.sh", "#!/bin/sh\necho dying >&2\nkill -SEGV $$\n");
        CommandRunner::Request r = request("crash.sh");
        r.argv = QStringList{script};
        const auto res = CommandRunner::run(r, {}, {});
        QCOMPARE(int(res.status), int(CommandRunner::Status::Failed));
        QCOMPARE(res.signal, SIGSEGV);
        QVERIFY(res.environment);
        QVERIFY2(res.reason.startsWith("the command was killed by signal 11 (SIGSEGV)\ndying"), qPrintable(res.reason));
        QCOMPARE(CommandRunner::signalName(SIGKILL), QString("SIGKILL"));
        // Failures of the setup are not the environment's.
        const auto exited = CommandRunner::run(request("crash.sh"), {}, {});
        QVERIFY(!exited.environment);
    }

    // #13 (item 3): nothing a trial started outlives it, even when the command exits
    // normally and leaves a background child behind.
    void noProcessOutlivesTheTrial()
    {
        QTemporaryDir dir;
        const QString script = writeScript(dir, "bg.sh",
                                           "#!/bin/sh\nsleep 60 &\necho $! > \"$1\"\necho '{\"value\": 2}'\n");
        CommandRunner::Request r = request("crash.sh");
        r.argv = QStringList{script, dir.filePath("bg.pid")};
        const auto res = CommandRunner::run(r, {}, {});
        QCOMPARE(int(res.status), int(CommandRunner::Status::Complete));
        QVERIFY(res.processGroup > 0);
        QFile f(dir.filePath("bg.pid"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const qint64 child = f.readAll().trimmed().toLongLong();
        QVERIFY(child > 0);
        QTRY_VERIFY_WITH_TIMEOUT(!running(child), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(groupEmpty(res.processGroup), 10000);
    }

    void missingProgramFails()
    {
        CommandRunner::Request r = request("does-not-exist.sh");
        const auto res = CommandRunner::run(r, {}, {});
        QCOMPARE(int(res.status), int(CommandRunner::Status::Failed));
        QVERIFY(res.reason.contains("cannot start"));
    }

    void logIsCapped()
    {
        const auto res = CommandRunner::run(request("reports.sh"), {}, {}, 16);
        QCOMPARE(res.stdoutLog.size(), 16);
        QVERIFY(res.stdoutLog.endsWith("wins\"}\n"));
    }
};

QTEST_GUILESS_MAIN(tst_CommandRunner)
#include "tst_commandrunner.moc"
