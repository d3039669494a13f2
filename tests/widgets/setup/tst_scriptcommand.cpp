#include "setup/ScriptCommand.h"

#include <QJsonArray>
#include <QtTest>

using tw::widgets::ScriptCommand;

// #19: the Setup form's "Run a script" view of a command objective's argv.
class tst_ScriptCommand : public QObject {
    Q_OBJECT
private slots:
    void splitsArgvIntoInterpreterScriptAndArguments()
    {
        auto c = ScriptCommand::fromArgv({"python3", "-u", "train.py", "--lr", "{lr}"});
        QCOMPARE(c.interpreter, (QStringList{"python3", "-u"}));
        QCOMPARE(c.script, QStringLiteral("train.py"));
        QCOMPARE(c.arguments, (QStringList{"--lr", "{lr}"}));
        c = ScriptCommand::fromArgv({"/usr/bin/python3.11", "my train.py"});
        QCOMPARE(c.interpreter, QStringList{"/usr/bin/python3.11"});
        QCOMPARE(c.script, QStringLiteral("my train.py"));
        QVERIFY(c.arguments.isEmpty());
        c = ScriptCommand::fromArgv({"./train.sh", "--epochs", "3"});  // a program itself
        QVERIFY(c.interpreter.isEmpty());
        QCOMPARE(c.script, QStringLiteral("./train.sh"));
        QCOMPARE(c.arguments, (QStringList{"--epochs", "3"}));
        c = ScriptCommand::fromArgv({"tunewright-cli", "train", "spec.json"});
        QVERIFY(c.interpreter.isEmpty());
        QCOMPARE(c.script, QStringLiteral("tunewright-cli"));
        QVERIFY(!ScriptCommand::isInterpreter("python3-config"));
        QVERIFY(ScriptCommand::isInterpreter("Rscript"));
        QVERIFY(ScriptCommand::isInterpreter("/opt/venv/bin/python"));
    }

    void argvRoundTrips()
    {
        const QList<QStringList> cases = {{}, {"python3"}, {"python3", "-u"}, {"python3", "-m", "pkg.train", "-x"},
                                          {"bash", "run.sh", "{a}"}, {"./a.out", "-v"}, {"julia", "t.jl"}};
        for (const QStringList& argv : cases)
            QCOMPARE(ScriptCommand::fromArgv(argv).argv(), argv);
    }

    void samplesTheMiddleOfEachParameter()
    {
        const QJsonObject space{
            {"lr", QJsonObject{{"type", "float"}, {"low", 1e-4}, {"high", 1e-2}, {"log", true}}},
            {"momentum", QJsonObject{{"type", "float"}, {"low", 0}, {"high", 0.9}}},
            {"width", QJsonObject{{"type", "int"}, {"low", 8}, {"high", 32}, {"step", 8}}},
            {"layers", QJsonObject{{"type", "int"}, {"low", 1}, {"high", 4}}},
            {"batch", QJsonObject{{"type", "categorical"}, {"choices", QJsonArray{64, 128}}}},
            {"opt", QJsonObject{{"type", "fixed"}, {"value", "adam"}}}};
        const QJsonObject p = ScriptCommand::sampleParams(space);
        QCOMPARE(p.value("lr").toDouble(), 0.001);
        QCOMPARE(p.value("momentum").toDouble(), 0.45);
        QCOMPARE(p.value("width").toInteger(), 24);  // 20 on the step's grid: 8 + 8 * round(1.5)
        QCOMPARE(p.value("layers").toInteger(), 3);  // 2.5 rounded half away from zero
        QCOMPARE(p.value("batch").toInteger(), 64);
        QCOMPARE(p.value("opt").toString(), QStringLiteral("adam"));
    }

    void previewFillsInTheParameters()
    {
        QString error;
        const QJsonObject params{{"lr", 0.001}, {"layers", QJsonArray{64, 32}}};
        QCOMPARE(ScriptCommand::preview({"python3", "my train.py", "--lr={lr}", "{layers}"}, params, &error),
                 QStringLiteral("python3 'my train.py' --lr=0.001 [64,32]"));
        QVERIFY(ScriptCommand::preview({"python3", "t.py", "{nope}"}, params, &error).isEmpty());
        QVERIFY2(error.startsWith("argument 3 ({nope})"), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(tst_ScriptCommand)
#include "tst_scriptcommand.moc"
