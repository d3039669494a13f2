#include "setup/ObjectiveSection.h"
#include "setup/SpecEditor.h"
#include "setup/StudySection.h"

#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QtTest>

using namespace tw::widgets;

// #19: the Setup form's "Run a script" objective: interpreter, script, arguments and
// working folder edit the command objective's argv and workdir, and the preview shows
// the command line a trial runs with a sample of the parameters.
class tst_ObjectiveSection : public QObject {
    Q_OBJECT

    static QJsonObject commandSpec()
    {
        return QJsonObject{
            {"version", 1}, {"name", "script"}, {"direction", "maximize"},
            {"objective", QJsonObject{{"type", "command"},
                                      {"argv", QJsonArray{"python3", "-u", "train cnn.py", "--lr", "{lr}"}},
                                      {"workdir", "/tmp"}}},
            {"search_space", QJsonObject{{"lr", QJsonObject{{"type", "float"}, {"low", 1e-4}, {"high", 1e-2}, {"log", true}}},
                                         {"width", QJsonObject{{"type", "int"}, {"low", 8}, {"high", 32}, {"step", 8}}}}}};
    }

    static QJsonArray argv(SpecEditor& e)
    {
        return e.spec().value("objective").toObject().value("argv").toArray();
    }

private slots:
    void showsTheScriptAndItsPreview()
    {
        SpecEditor editor;
        editor.setSpec(commandSpec());
        QVERIFY2(editor.isValid(), qPrintable(editor.firstError()));
        ObjectiveSection* o = editor.objectiveSection();
        QCOMPARE(editor.studySection()->objectiveCombo()->currentText(), QStringLiteral("Run a script"));
        QCOMPARE(o->title(), QStringLiteral("Script"));
        QCOMPARE(o->interpreterEdit()->currentText(), QStringLiteral("python3 -u"));
        QCOMPARE(o->scriptEdit()->text(), QStringLiteral("train cnn.py"));
        QCOMPARE(o->argumentsEdit()->text(), QStringLiteral("--lr {lr}"));
        QCOMPARE(o->workdirEdit()->text(), QStringLiteral("/tmp"));
        QCOMPARE(o->commandPreview()->text(), QStringLiteral("python3 -u 'train cnn.py' --lr 0.001"));
        auto* sample = o->findChild<QLabel*>("commandSample");
        QVERIFY(sample->text().contains("lr = 0.001, width = 24"));
    }

    void editsWriteArgvAndThePreviewFollows()
    {
        SpecEditor editor;
        editor.setSpec(commandSpec());
        ObjectiveSection* o = editor.objectiveSection();
        o->scriptEdit()->selectAll();
        QTest::keyClicks(o->scriptEdit(), "fit.py");
        QCOMPARE(argv(editor), (QJsonArray{"python3", "-u", "fit.py", "--lr", "{lr}"}));
        o->interpreterEdit()->setCurrentText("");  // the script runs itself
        QCOMPARE(argv(editor), (QJsonArray{"fit.py", "--lr", "{lr}"}));
        o->interpreterEdit()->setCurrentText("/usr/bin/python3");
        o->findChild<QPushButton*>("addParameters")->click();  // width is not used yet
        QCOMPARE(o->argumentsEdit()->text(), QStringLiteral("--lr {lr} --width {width}"));
        QCOMPARE(argv(editor), (QJsonArray{"/usr/bin/python3", "fit.py", "--lr", "{lr}", "--width", "{width}"}));
        QVERIFY2(editor.isValid(), qPrintable(editor.firstError()));
        QCOMPARE(o->commandPreview()->text(), QStringLiteral("/usr/bin/python3 fit.py --lr 0.001 --width 24"));

        // A placeholder that is no parameter: the parser's message under the arguments,
        // and the preview says what it cannot fill in.
        QTest::keyClicks(o->argumentsEdit(), " --x {x}");
        QVERIFY(!editor.isValid());
        QCOMPARE(editor.errorField(), editor.field({"objective", "argv"}));
        QVERIFY2(o->commandPreview()->text().contains("cannot fill in argument 8 ({x})"),
                 qPrintable(o->commandPreview()->text()));

        QTest::keyClicks(o->workdirEdit(), "/sub");
        QCOMPARE(editor.spec().value("objective").toObject().value("workdir").toString(), QStringLiteral("/tmp/sub"));
    }

    void theJsonSideShowsInTheForm()
    {
        SpecEditor editor;
        editor.setSpec(commandSpec());
        QJsonObject spec = commandSpec();
        QJsonObject objective = spec["objective"].toObject();
        objective["argv"] = QJsonArray{"./train.sh", "{width}"};
        spec["objective"] = objective;
        editor.setSpec(spec);
        ObjectiveSection* o = editor.objectiveSection();
        QCOMPARE(o->interpreterEdit()->currentText(), QString());
        QCOMPARE(o->scriptEdit()->text(), QStringLiteral("./train.sh"));
        QCOMPARE(o->argumentsEdit()->text(), QStringLiteral("{width}"));
        QCOMPARE(o->commandPreview()->text(), QStringLiteral("./train.sh 24"));
    }
};

QTEST_MAIN(tst_ObjectiveSection)
#include "tst_objectivesection.moc"
