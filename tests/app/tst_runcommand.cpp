// ctest-labels: integration
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include "support/ProgramRun.h"
#include <csignal>
#include <optional>

// tunewright-cli run / worker / trials / export end to end, including a run killed with
// SIGKILL and resumed (#5: nothing finished is lost; #13: the killed run's trials are
// failed as "owner process died" at once and run again).
using tw::test::runCli;

class tst_RunCommand : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    static QString cli() { return tw::test::binPath(QStringLiteral("tunewright-cli")); }

    QString writeSpec(const QString& name, const QJsonObject& spec)
    {
        const QString path = m_dir.filePath(name + ".json");
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(QJsonDocument(spec).toJson());
        return path;
    }

    static QJsonArray trials(const QString& storage, const QString& study)
    {
        const auto r = runCli({"trials", "--storage", storage, "--study", study, "--format", "json"});
        return QJsonDocument::fromJson(r.out.toUtf8()).array();
    }

    static QJsonObject functionSpec(const QString& name, const QString& sampler, int trials)
    {
        return QJsonObject{{"version", 1}, {"name", name}, {"direction", "minimize"},
                           {"objective", QJsonObject{{"type", "function"}, {"name", "branin"}}},
                           {"search_space", QJsonObject{}},
                           {"sampler", QJsonObject{{"type", sampler}, {"seed", 3}}},
                           {"budget", QJsonObject{{"trials", trials}}}};
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(cli()), "build tunewright-cli first");
    }

    void runsResumesAndRefusesAnotherSpec()
    {
        const QString storage = "sqlite:///" + m_dir.filePath("a.twx");
        const QString spec = writeSpec("branin", functionSpec("branin", "tpe", 30));
        auto r = runCli({"run", spec, "--storage", storage});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("Best: trial #"));
        const QJsonArray first = trials(storage, "branin");
        QCOMPARE(first.size(), 30);
        r = runCli({"run", spec, "--storage", storage, "--trials", "35"});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray second = trials(storage, "branin");
        QCOMPARE(second.size(), 35);
        for (int i = 0; i < 30; ++i)
            QCOMPARE(second[i].toObject().value("params"), first[i].toObject().value("params"));
        const QString other = writeSpec("branin2", functionSpec("branin", "random", 30));
        r = runCli({"run", other, "--storage", storage});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("differs from the stored study at sampler"), qPrintable(r.err));
        r = runCli({"export", "--storage", storage, "--best", m_dir.filePath("best.json")});
        QCOMPARE(r.exitCode, 0);
        QFile best(m_dir.filePath("best.json"));
        QVERIFY(best.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(best.readAll()).object().value("study").toString(), QString("branin"));
    }

    void workersShareOneBudget()
    {
        const QString storage = "sqlite:///" + m_dir.filePath("w.twx");
        const QString spec = writeSpec("shared", functionSpec("shared", "random", 120));
        QCOMPARE(runCli({"run", spec, "--storage", storage, "--create-only"}).exitCode, 0);
        QList<QProcess*> workers;
        for (int i = 0; i < 4; ++i) {
            auto* p = new QProcess(this);
            p->start(cli(), {"worker", "--storage", storage, "--study", "shared"});
            workers << p;
        }
        for (QProcess* p : workers) {
            QVERIFY(p->waitForFinished(120000));
            QCOMPARE(p->exitCode(), 0);
            QVERIFY(!p->readAllStandardError().contains("locked"));
        }
        const QJsonArray all = trials(storage, "shared");
        QCOMPARE(all.size(), 120);
        QSet<int> numbers;
        for (const auto& t : all) {
            QCOMPARE(t.toObject().value("state").toString(), QString("complete"));
            numbers.insert(t.toObject().value("number").toInt());
        }
        QCOMPARE(numbers.size(), 120);
    }

    void killedRunResumesWithoutLoss()
    {
        const QString storage = "sqlite:///" + m_dir.filePath("k.twx");
        QJsonObject spec{
            {"version", 1},
            {"name", "crash"},
            {"direction", "minimize"},
            {"objective",
             QJsonObject{{"type", "command"},
                         {"argv", QJsonArray{tw::test::testData(QStringLiteral("commands/slow.sh")),
                                             "{x}"}},
                         {"workdir", m_dir.path()}}},
            {"search_space",
             QJsonObject{{"x", QJsonObject{{"type", "float"}, {"low", 0.0}, {"high", 1.0}}}}},
            {"sampler", QJsonObject{{"type", "random"}, {"seed", 1}}},
            {"budget", QJsonObject{{"trials", 12}, {"parallel", 2}}},
            {"retry", QJsonObject{{"max_retries", 1}, {"heartbeat_s", 0.2}, {"grace_s", 1}}}};
        const QString path = writeSpec("crash", spec);
        QProcess p;
        p.start(cli(), {"run", path, "--storage", storage});
        QVERIFY(p.waitForStarted());
        // Wait until some trials are complete, then kill the run mid-trial.
        QJsonArray before;
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                     before = trials(storage, "crash");
                                     int complete = 0;
                                     for (const auto& t : before)
                                         complete += t.toObject().value("state") == "complete";
                                     return complete >= 3;
                                 }()),
                                 60000);
        ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
        p.waitForFinished();
        before = trials(storage, "crash");
        QMap<int, QJsonObject> completeBefore;
        for (const auto& t : before)
            if (t.toObject().value("state") == "complete")
                completeBefore.insert(t.toObject().value("number").toInt(), t.toObject());
        // #14: a finished trial has all its intermediate values, though the run buffers
        // them: Study::tell writes them before it finishes the trial.
        for (const QJsonObject& t : completeBefore)
            QVERIFY2(t.value("intermediate").toObject().size() == 1, qPrintable(QJsonDocument(t).toJson()));

        // #13: the killed run's trials are reclaimed at once (their owner is provably dead),
        // without waiting for retry.grace_s.
        const auto r = runCli({"run", path, "--storage", storage});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonArray after = trials(storage, "crash");
        int complete = 0;
        for (const auto& t : after) {
            const QJsonObject o = t.toObject();
            if (completeBefore.contains(o.value("number").toInt()))
                QCOMPARE(o, completeBefore.value(o.value("number").toInt()));  // intact, curve included
            complete += o.value("state") == "complete";
            if (o.value("state") == "failed")
                QVERIFY2(o.value("reason").toString() == "owner process died",
                         qPrintable(o.value("reason").toString()));
            QVERIFY(o.value("state") != "running");
        }
        QCOMPARE(complete, 12);  // the budget is met: the killed trials ran again
    }

    void badInputExitsTwo()
    {
        QCOMPARE(runCli({"run", m_dir.filePath("missing.json")}).exitCode, 2);
        QCOMPARE(runCli({"trials", "--storage", "mysql://nowhere"}).exitCode, 2);
        QCOMPARE(runCli({"run", "--bogus"}).exitCode, 2);
        QFile bad(m_dir.filePath("bad.json"));
        bad.open(QIODevice::WriteOnly);
        bad.write(R"({"version": 1, "name": "x", "objective": {"type": "function", "name": "branin"},)"
                  R"( "search_space": {"x0": {"type": "float", "low": "abc", "high": 1}}})");
        bad.close();
        const auto r = runCli({"run", m_dir.filePath("bad.json"), "--storage", "sqlite:///" + m_dir.filePath("b.twx")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("search_space.x0.low") || r.err.contains("search_space[\"x0\"].low"), qPrintable(r.err));
    }

    // #13 (item 18): trials that keep failing with the same reason stop the run: exit 2
    // for a setup reason (the command exits with an error), 1 for an environment one (a
    // signal). With the check off, a run in which no trial completed says so and exits 1.
    void repeatedFailuresStopTheRun()
    {
        QFile f(m_dir.filePath("fails.sh"));
        f.open(QIODevice::WriteOnly);
        f.write("#!/bin/sh\n"
                "if [ \"$MODE\" = segv ]; then kill -SEGV $$; fi\n"
                "echo \"cannot open data.csv\" >&2\n"
                "exit 1\n");
        f.close();
        f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
        auto failing = [&](const QString& name, const QString& mode, std::optional<int> k) {
            QJsonObject budget{{"trials", 8}};
            if (k)
                budget["max_consecutive_failures"] = *k;
            return writeSpec(name, QJsonObject{
                {"version", 1}, {"name", name}, {"direction", "minimize"},
                {"objective", QJsonObject{{"type", "command"}, {"argv", QJsonArray{f.fileName()}},
                                          {"workdir", m_dir.path()}, {"env", QJsonObject{{"MODE", mode}}}}},
                {"search_space", QJsonObject{{"x", QJsonObject{{"type", "float"}, {"low", 0.0}, {"high", 1.0}}}}},
                {"sampler", QJsonObject{{"type", "random"}, {"seed", 1}}},
                {"budget", budget}});
        };
        const QString storage = "sqlite:///" + m_dir.filePath("f.twx");
        auto r = runCli({"run", failing("setup", "exit", std::nullopt), "--storage", storage});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("3 trials in a row failed with the same reason") && r.err.contains("cannot open data.csv"),
                 qPrintable(r.err));
        QCOMPARE(trials(storage, "setup").size(), 3);

        r = runCli({"run", failing("segv", "segv", 2), "--storage", storage});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("killed by signal 11 (SIGSEGV)"), qPrintable(r.err));
        QCOMPARE(trials(storage, "segv").size(), 2);

        r = runCli({"run", failing("off", "exit", 0), "--storage", storage});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("No trial of this run completed"), qPrintable(r.err));
        QCOMPARE(trials(storage, "off").size(), 8);
    }

    // #13: the new default applies to new studies only. A study stored by the version
    // before (whose stored spec has no max_consecutive_failures) runs on as it did.
    void storedStudiesKeepTheirFailurePolicy()
    {
        QFile f(m_dir.filePath("fails2.sh"));
        f.open(QIODevice::WriteOnly);
        f.write("#!/bin/sh\necho broken >&2\nexit 1\n");
        f.close();
        f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
        const QString file = m_dir.filePath("old.twx");
        const QString storage = "sqlite:///" + file;
        const QString spec = writeSpec("old", QJsonObject{
            {"version", 1}, {"name", "old"}, {"direction", "minimize"},
            {"objective", QJsonObject{{"type", "command"}, {"argv", QJsonArray{f.fileName()}}, {"workdir", m_dir.path()}}},
            {"search_space", QJsonObject{{"x", QJsonObject{{"type", "float"}, {"low", 0.0}, {"high", 1.0}}}}},
            {"sampler", QJsonObject{{"type", "random"}, {"seed", 1}}},
            {"budget", QJsonObject{{"trials", 6}}}});
        QCOMPARE(runCli({"run", spec, "--storage", storage, "--create-only"}).exitCode, 0);
        {
            // The stored spec as the version before wrote it: without the key.
            QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "old-spec");
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec("SELECT spec_json FROM studies WHERE name = 'old'") && q.next());
            const QString stored = q.value(0).toString();
            QVERIFY2(stored.contains("\"max_consecutive_failures\":3"), qPrintable(stored));
            QString before = stored;
            before.replace("\"max_consecutive_failures\":3,", "");  // keys are sorted
            QVERIFY(before != stored);
            QSqlQuery u(db);
            u.prepare("UPDATE studies SET spec_json = ? WHERE name = 'old'");
            u.addBindValue(before);
            QVERIFY(u.exec());
        }
        QSqlDatabase::removeDatabase("old-spec");
        const auto r = runCli({"run", spec, "--storage", storage});
        QCOMPARE(r.exitCode, 1);  // no trial completed, but all six ran
        QVERIFY2(r.err.contains("No trial of this run completed"), qPrintable(r.err));
        QCOMPARE(trials(storage, "old").size(), 6);
    }
};

QTEST_GUILESS_MAIN(tst_RunCommand)
#include "tst_runcommand.moc"
