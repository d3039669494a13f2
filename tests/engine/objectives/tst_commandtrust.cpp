// #13: a command objective runs only when this user created or approved it here.
#include "objectives/CommandTrust.h"
#include "spec/StudySpecParser.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace tw;

class TestCommandTrust : public QObject {
    Q_OBJECT

    static StudySpec command(const QJsonArray& argv, const QJsonObject& env = {})
    {
        QJsonObject objective{{"type", "command"}, {"argv", argv}, {"workdir", "/tmp"}};
        if (!env.isEmpty())
            objective.insert("env", env);
        auto r = StudySpecParser::parseObject(QJsonObject{
            {"objective", objective},
            {"search_space", QJsonObject{{"x", QJsonObject{{"type", "float"}, {"low", 0}, {"high", 1}}}}}});
        if (!r)
            qFatal("%s", qPrintable(r.error()));
        return r.value();
    }

private slots:
    void approvalIsPerUserDataFolder()
    {
        QTemporaryDir a, b;
        const StudySpec s = command({"python3", "train.py", "{x}"});
        qputenv("XDG_DATA_HOME", a.path().toUtf8());
        QCOMPARE(CommandTrust::storePath(), a.path() + "/tunewright/trust.json");
        QVERIFY(!CommandTrust::isApproved(s, "s"));
        QCOMPARE(CommandTrust::approve(s, "s"), QString());
        QVERIFY(CommandTrust::isApproved(s, "s"));
        QVERIFY(QFile::exists(a.path() + "/tunewright/trust.json"));
        // Another account (another data folder) has not approved it.
        qputenv("XDG_DATA_HOME", b.path().toUtf8());
        QVERIFY(!CommandTrust::isApproved(s, "s"));
        qputenv("XDG_DATA_HOME", a.path().toUtf8());
        QVERIFY(CommandTrust::isApproved(s, "s"));
        // A second approval keeps the first.
        const StudySpec other = command({"./run.sh", "{x}"});
        QCOMPARE(CommandTrust::approve(other, "t"), QString());
        QVERIFY(CommandTrust::isApproved(s, "s") && CommandTrust::isApproved(other, "t"));
    }

    void anyChangeNeedsANewApproval()
    {
        QTemporaryDir a;
        qputenv("XDG_DATA_HOME", a.path().toUtf8());
        const StudySpec s = command({"python3", "train.py", "{x}"});
        QCOMPARE(CommandTrust::approve(s, "s"), QString());
        QVERIFY(!CommandTrust::isApproved(s, "another study"));
        QVERIFY(!CommandTrust::isApproved(command({"python3", "evil.py", "{x}"}), "s"));
        QVERIFY(!CommandTrust::isApproved(command({"python3", "train.py", "{x}"}, {{"LD_PRELOAD", "x.so"}}), "s"));
        QCOMPARE(CommandTrust::fingerprint(s, "s"), CommandTrust::fingerprint(command({"python3", "train.py", "{x}"}), "s"));
    }

    void otherObjectivesNeedNoApproval()
    {
        QTemporaryDir a;
        qputenv("XDG_DATA_HOME", a.path().toUtf8());
        auto f = StudySpecParser::parseObject(QJsonObject{{"objective", QJsonObject{{"type", "function"}, {"name", "branin"}}}});
        QVERIFY(f.ok());
        QVERIFY(!CommandTrust::needsApproval(*f));
        QVERIFY(CommandTrust::isApproved(*f, "f"));
        QCOMPARE(CommandTrust::approve(*f, "f"), QString());
        QVERIFY(!QFile::exists(CommandTrust::storePath())); // nothing written for them
    }

    void describeShowsTheExactCommand()
    {
        const QString text = CommandTrust::describe(command({"python3", "my script.py", "{x}"}, {{"MODE", "fast"}}));
        QVERIFY2(text.contains(R"(command: ["python3", "my script.py", "{x}"])"), qPrintable(text));
        QVERIFY2(text.contains("working folder: /tmp"), qPrintable(text));
        QVERIFY2(text.contains("MODE=fast"), qPrintable(text));
    }

    void damagedStoreTrustsNothing()
    {
        QTemporaryDir a;
        qputenv("XDG_DATA_HOME", a.path().toUtf8());
        const StudySpec s = command({"true"});
        QVERIFY(QDir().mkpath(a.path() + "/tunewright"));
        QFile f(CommandTrust::storePath());
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{not json");
        f.close();
        QVERIFY(!CommandTrust::isApproved(s, "s"));
        QCOMPARE(CommandTrust::approve(s, "s"), QString());
        QVERIFY(CommandTrust::isApproved(s, "s"));
    }
};

QTEST_GUILESS_MAIN(TestCommandTrust)
#include "tst_commandtrust.moc"
