#include "setup/ShellWords.h"
#include "setup/SpecErrorPath.h"

#include <QtTest>

using namespace tw::widgets;

class tst_SpecErrorPath : public QObject {
    Q_OBJECT
private slots:
    void parsesParserMessages_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("path");
        QTest::addColumn<QString>("message");
        QTest::newRow("quoted key") << "search_space[\"training.learning_rate\"].low: expected a number, got \"abc\""
                                    << QStringList{"search_space", "training.learning_rate", "low"}
                                    << "expected a number, got \"abc\"";
        QTest::newRow("plain") << "objective.training.epochs: expected an integer >= 0, got -1"
                               << QStringList{"objective", "training", "epochs"}
                               << "expected an integer >= 0, got -1";
        QTest::newRow("index") << "objective.argv[2]: {lrr} is not a parameter"
                               << QStringList{"objective", "argv", "[2]"}
                               << "{lrr} is not a parameter";
        QTest::newRow("nested index")
            << "search_space[\"model.dropout\"].condition.not_in[0]: [31] is not one of the choices"
            << QStringList{"search_space", "model.dropout", "condition", "not_in", "[0]"}
            << "[31] is not one of the choices";
        QTest::newRow("escaped quote") << "search_space[\"a\\\"b: c\"]: bad"
                                       << QStringList{"search_space", "a\"b: c"} << "bad";
        QTest::newRow("root") << "(root): expected an object" << QStringList{} << "expected an object";
        QTest::newRow("message colon")
            << "metric: \"x\" needs: a thing" << QStringList{"metric"} << "\"x\" needs: a thing";
    }
    void parsesParserMessages()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, path);
        QFETCH(QString, message);
        const auto parsed = SpecErrorPath::parse(text);
        QVERIFY(parsed);
        QCOMPARE(parsed->path, path);
        QCOMPARE(parsed->message, message);
    }

    void refusesOtherText()
    {
        QVERIFY(!SpecErrorPath::parse("spec.json:5:3: unterminated object"));
        QVERIFY(!SpecErrorPath::parse("no path here"));
        QVERIFY(!SpecErrorPath::parse("a.: x"));
        QVERIFY(!SpecErrorPath::parse("a[\"open: x"));
        QVERIFY(SpecErrorPath::startsWith({"a", "b", "c"}, {"a", "b"}));
        QVERIFY(!SpecErrorPath::startsWith({"a", "bc"}, {"a", "b"}));
        QCOMPARE(SpecErrorPath::indexOf("[12]"), 12);
        QCOMPARE(SpecErrorPath::indexOf("x"), -1);
    }

    void shellWordsRoundTrip()
    {
        bool complete = false;
        QCOMPARE(ShellWords::split("python3  \"my script.py\" --lr={lr} 'it''s' a\\ b", &complete),
                 (QStringList{"python3", "my script.py", "--lr={lr}", "its", "a b"}));
        QVERIFY(complete);
        QCOMPARE(ShellWords::split("echo \"unterminated", &complete),
                 (QStringList{"echo", "unterminated"}));
        QVERIFY(!complete);
        const QStringList words{"prog", "with space", "it's", "", "back\\slash", "q\"uote"};
        QCOMPARE(ShellWords::split(ShellWords::join(words)), words);
        QCOMPARE(ShellWords::join({"a", "b c"}), QStringLiteral("a 'b c'"));
    }
};

QTEST_GUILESS_MAIN(tst_SpecErrorPath)
#include "tst_specerrorpath.moc"
