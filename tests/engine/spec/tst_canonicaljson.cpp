#include "spec/CanonicalJson.h"
#include "spec/JsonPath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

// No raw strings holding \" here: moc 6.4 loses track of them and finds no class.

using namespace tw;

namespace {
QJsonValue parse(const char* text) {
    auto v = CanonicalJson::parseValue(QString::fromUtf8(text));
    if (!v)
        qFatal("not JSON: %s", text);
    return *v;
}
} // namespace

class TestCanonicalJson : public QObject {
    Q_OBJECT

private slots:
    void sortedCompactNormalised() {
        const QJsonValue v =
            parse("{ \"b\": [1.0, 1e-4, -0.0, 2.5E+20, 12345678901234567],\n"
                  "  \"a\": {\"y\": true, \"x\": null}, \"c\": \"q\\\"\\n\\u0001\" }");
        QCOMPARE(CanonicalJson::write(v),
                 QStringLiteral("{\"a\":{\"x\":null,\"y\":true},\"b\":[1,1e-4,0,2.5e+20,"
                                "12345678901234567],\"c\":\"q\\\"\\n\\u0001\"}"));
    }

    void numbers() {
        QCOMPARE(CanonicalJson::number(1e-5), QStringLiteral("1e-5"));
        QCOMPARE(CanonicalJson::number(0.1), QStringLiteral("0.1"));
        QCOMPARE(CanonicalJson::number(-3.0), QStringLiteral("-3"));
        QCOMPARE(CanonicalJson::number(1.0 / 3.0), QStringLiteral("0.3333333333333333"));
        QCOMPARE(CanonicalJson::number(9007199254740993.0 * 4),
                 QStringLiteral("36028797018963970"));
        // Round trip: the text reads back as the same double.
        for (double d : {0.1, 1e-300, 123456.789, -2.5e-7, 1.0 / 7.0})
            QCOMPARE(CanonicalJson::number(d).toDouble(), d);
    }

    void sameMeaningSameText() {
        QVERIFY(CanonicalJson::equal(parse(R"({"a": 1, "b": [0.0001]})"),
                                     parse(R"({"b":[1e-4],"a":1.0})")));
        QVERIFY(!CanonicalJson::equal(parse("[1, 2]"), parse("[2, 1]")));
        QVERIFY(!CanonicalJson::equal(parse("1"), parse("\"1\"")));
    }

    void scalarsParse() {
        QCOMPARE(parse("3").toInt(), 3);
        QCOMPARE(parse("\"x\"").toString(), QStringLiteral("x"));
        QVERIFY(parse("null").isNull());
        QVERIFY(!CanonicalJson::parseValue(QStringLiteral("{")));
        QVERIFY(!CanonicalJson::parseValue(QStringLiteral("1, 2")));
    }

    void firstDifferenceNamesThePath() {
        const QJsonValue a =
            parse(R"({"search_space": {"training.lr": {"low": 1, "high": 2}}, "name": "x",
                                       "budget": {"trials": 3}, "list": [1, 2, 3]})");
        QVERIFY(!CanonicalJson::firstDifference(a, a));
        auto d = CanonicalJson::firstDifference(
            a, parse(R"({"search_space": {"training.lr": {"low": 1, "high": 3}}, "name": "x",
                         "budget": {"trials": 3}, "list": [1, 2, 3]})"));
        QVERIFY(d);
        QCOMPARE(d->toString(), QStringLiteral(R"(search_space["training.lr"].high)"));

        // Sorted order: "budget" comes before "list".
        const QJsonValue b =
            parse(R"({"search_space": {"training.lr": {"low": 1, "high": 2}}, "name": "x",
                                       "budget": {"trials": 9}, "list": [1, 2]})");
        QCOMPARE(CanonicalJson::firstDifference(a, b)->toString(), QStringLiteral("budget.trials"));
        QCOMPARE(CanonicalJson::firstDifference(a, b, {QStringLiteral("budget")})->toString(),
                 QStringLiteral("list[2]"));
        // A missing key is a difference at that key; numbers compare by value.
        QCOMPARE(
            CanonicalJson::firstDifference(parse(R"({"a": 1})"), parse(R"({"a": 1.0, "b": 2})"))
                ->toString(),
            QStringLiteral("b"));
        QCOMPARE(CanonicalJson::firstDifference(parse("[1]"), parse("{}"))->toString(),
                 QStringLiteral("(root)"));
    }

    void describeDifference() {
        const QJsonValue a = parse("{\"x\": {\"odd key\\\"]\": [1, {\"k\": \"v\"}]}}");
        const QJsonValue b = parse("{\"x\": {\"odd key\\\"]\": [1, {\"k\": \"w\"}]}}");
        QCOMPARE(CanonicalJson::describeDifference(a, b, QStringLiteral("A"), QStringLiteral("B")),
                 QStringLiteral("x[\"odd key\\\"]\"][1].k: \"v\" in A, \"w\" in B"));
        QCOMPARE(CanonicalJson::describeDifference(parse(R"({"a": 1})"), parse(R"({})"),
                                                   QStringLiteral("A"), QStringLiteral("B")),
                 QStringLiteral("a: 1 in A, absent in B"));
        QVERIFY(CanonicalJson::describeDifference(a, a, QStringLiteral("A"), QStringLiteral("B"))
                    .isEmpty());
    }

    void jsonPathFormatting() {
        JsonPath p = JsonPath()
                         .key(QStringLiteral("search_space"))
                         .key(QStringLiteral("training.learning_rate"));
        QCOMPARE(p.key(QStringLiteral("low")).toString(),
                 QStringLiteral(R"(search_space["training.learning_rate"].low)"));
        QCOMPARE(JsonPath().key(QStringLiteral("a b")).index(3).toString(),
                 QStringLiteral(R"(["a b"][3])"));
        QCOMPARE(JsonPath().toString(), QStringLiteral("(root)"));
        QCOMPARE(
            JsonPath::fromText(QStringLiteral("objective")).key(QStringLiteral("x1")).toString(),
            QStringLiteral("objective.x1"));
        QVERIFY(!JsonPath::isIdentifier(QStringLiteral("1x")));
        QVERIFY(JsonPath::isIdentifier(QStringLiteral("_x1")));
        QCOMPARE(CanonicalJson::valueAt(
                     parse(R"({"a.b": [0, {"c": 5}]})"),
                     JsonPath().key(QStringLiteral("a.b")).index(1).key(QStringLiteral("c")))
                     .toInt(),
                 5);
    }
};

QTEST_GUILESS_MAIN(TestCanonicalJson)
#include "tst_canonicaljson.moc"
