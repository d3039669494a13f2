// ctest-labels: integration faults
// #13 item 21: a command objective stored in an experiment from elsewhere runs only when
// this user created or approved it here; `run` and `worker` refuse it (exit 2) unless
// --trust. Each account is a data folder (XDG_DATA_HOME) of its own.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "support/ProgramRun.h"

using tw::test::ProgramResult;

class tst_CommandApproval : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QTemporaryDir m_alice; // the account that creates the study
    QTemporaryDir m_bob;   // another account, given the experiment file

    ProgramResult cliAs(const QTemporaryDir& home, const QStringList& args)
    {
        tw::test::ProgramOptions options;
        options.env.insert("XDG_DATA_HOME", home.path());
        return tw::test::runProgram(QStringLiteral("tunewright-cli"), args, options);
    }

    QString writeSpec(const QString& name, const QJsonObject& objective, const QString& param = "x")
    {
        const QJsonObject spec{{"version", 1}, {"name", name}, {"objective", objective},
                               {"search_space", QJsonObject{{param, QJsonObject{{"type", "float"}, {"low", 0}, {"high", 1}}}}},
                               {"sampler", QJsonObject{{"type", "random"}, {"seed", 1}}},
                               {"budget", QJsonObject{{"trials", 2}}}};
        const QString path = m_dir.filePath(name + ".json");
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(QJsonDocument(spec).toJson());
        return path;
    }

    // A command objective that prints x as its value (after 0.3 s).
    QJsonObject scriptCommand() const
    {
        return QJsonObject{{"type", "command"},
                           {"argv", QJsonArray{"/bin/sh", tw::test::testData(QStringLiteral("commands/slow.sh")), "{x}"}},
                           {"workdir", m_dir.path()}};
    }

    int trialCount(const QString& storage, const QString& study)
    {
        const auto r = cliAs(m_alice, {"trials", "--storage", storage, "--study", study, "--format", "json"});
        return static_cast<int>(QJsonDocument::fromJson(r.out.toUtf8()).array().size());
    }

private slots:
    void approvedOnOneAccountIsRefusedOnAnother()
    {
        const QString storage = "sqlite:///" + m_dir.filePath("shared.twx");
        const QString spec = writeSpec("cmd", scriptCommand());
        // Creating the study approves it for its creator: a worker of theirs goes ahead.
        auto r = cliAs(m_alice, {"run", spec, "--storage", storage, "--create-only"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(QFile::exists(m_alice.path() + "/tunewright/trust.json"));
        r = cliAs(m_alice, {"worker", "--storage", storage, "--study", "cmd"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(trialCount(storage, "cmd"), 2);

        // Another account is refused, with the exact command, and nothing runs.
        r = cliAs(m_bob, {"run", spec, "--storage", storage, "--trials", "3"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--trust"), qPrintable(r.err));
        QVERIFY2(r.err.contains("command: [\"/bin/sh\", \""), qPrintable(r.err));
        QVERIFY2(r.err.contains("working folder: " + m_dir.path()), qPrintable(r.err));
        r = cliAs(m_bob, {"worker", "--storage", storage, "--study", "cmd", "--trials", "1"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--trust"), qPrintable(r.err));
        QCOMPARE(trialCount(storage, "cmd"), 2);

        // --trust runs it and records the approval: the next run needs no flag.
        r = cliAs(m_bob, {"run", spec, "--storage", storage, "--trials", "3", "--trust"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(trialCount(storage, "cmd"), 3);
        r = cliAs(m_bob, {"run", spec, "--storage", storage, "--trials", "4"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(trialCount(storage, "cmd"), 4);
    }

    void otherObjectivesNeedNoApproval()
    {
        const QString storage = "sqlite:///" + m_dir.filePath("function.twx");
        const QString spec =
            writeSpec("fn", QJsonObject{{"type", "function"}, {"name", "sphere"}, {"dim", 1}}, "x0");
        auto r = cliAs(m_alice, {"run", spec, "--storage", storage, "--create-only"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = cliAs(m_bob, {"worker", "--storage", storage});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(trialCount(storage, "fn"), 2);
    }
};

QTEST_GUILESS_MAIN(tst_CommandApproval)
#include "tst_commandapproval.moc"
