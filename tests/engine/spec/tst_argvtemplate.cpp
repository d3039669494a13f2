#include "spec/ArgvTemplate.h"

#include <QJsonArray>
#include <QtTest>

using namespace tw;

class TestArgvTemplate : public QObject {
    Q_OBJECT

private slots:
    void placeholders() {
        QCOMPARE(*ArgvTemplate::placeholders(QStringLiteral("--lr={lr} --x {layers}")),
                 (QStringList{QStringLiteral("lr"), QStringLiteral("layers")}));
        QCOMPARE(*ArgvTemplate::placeholders(QStringLiteral("{{literal}} {a}")),
                 QStringList{QStringLiteral("a")});
        QString err;
        QVERIFY(!ArgvTemplate::placeholders(QStringLiteral("ab{c"), &err));
        QCOMPARE(err,
                 QStringLiteral("unbalanced \"{\" at character 3; write {{ for a literal brace"));
        QVERIFY(!ArgvTemplate::placeholders(QStringLiteral("x}"), &err));
        QCOMPARE(err,
                 QStringLiteral("unbalanced \"}\" at character 2; write }} for a literal brace"));
        QVERIFY(!ArgvTemplate::placeholders(QStringLiteral("{a{b}"), &err));
        QVERIFY(!ArgvTemplate::placeholders(QStringLiteral("{}"), &err));
        QCOMPARE(err, QStringLiteral(
                          "empty placeholder {} at character 1; write {{}} for literal braces"));
    }

    void renderingFollowsTheContract() {
        const QJsonObject p{{QStringLiteral("lr"), 0.001},
                            {QStringLiteral("tiny"), 1e-7},
                            {QStringLiteral("n"), 64},
                            {QStringLiteral("on"), true},
                            {QStringLiteral("s"), QStringLiteral("relu")},
                            {QStringLiteral("layers"), QJsonArray{64, 32}},
                            {QStringLiteral("obj"),
                             QJsonObject{{QStringLiteral("b"), 1}, {QStringLiteral("a"), 0.5}}}};
        QCOMPARE(*ArgvTemplate::render(QStringLiteral("{lr}"), p), QStringLiteral("0.001"));
        QCOMPARE(*ArgvTemplate::render(QStringLiteral("{tiny}"), p), QStringLiteral("1e-7"));
        QCOMPARE(*ArgvTemplate::render(QStringLiteral("--n={n}"), p), QStringLiteral("--n=64"));
        QCOMPARE(*ArgvTemplate::render(QStringLiteral("{on}"), p), QStringLiteral("true"));
        QCOMPARE(*ArgvTemplate::render(QStringLiteral("{s}"), p), QStringLiteral("relu"));
        QCOMPARE(*ArgvTemplate::render(QStringLiteral("{layers}"), p), QStringLiteral("[64,32]"));
        QCOMPARE(*ArgvTemplate::render(QStringLiteral("{obj}"), p),
                 QStringLiteral(R"({"a":0.5,"b":1})"));
        QCOMPARE(*ArgvTemplate::render(QStringLiteral("{{\"x\": {n}}}"), p),
                 QStringLiteral("{\"x\": 64}"));
        QString err;
        QVERIFY(!ArgvTemplate::render(QStringLiteral("{missing}"), p, &err));
        QCOMPARE(err, QStringLiteral("placeholder {missing} has no value in this trial"));
    }
};

QTEST_GUILESS_MAIN(TestArgvTemplate)
#include "tst_argvtemplate.moc"
