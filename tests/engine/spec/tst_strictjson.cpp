// #13: duplicate keys are errors with their path; one depth limit for what is parsed and
// what is stored.
#include "spec/StrictJson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

using namespace tw;

namespace {

QByteArray nested(int depth, const QByteArray& inner = "1") {
    return QByteArray(depth, '[') + inner + QByteArray(depth, ']');
}

} // namespace

class TestStrictJson : public QObject {
    Q_OBJECT

private slots:
    void validJsonParses() {
        const auto r = StrictJson::parse("{\"a\": {\"b\": [1, {\"c\": \"x\\\"y\"}], \"d\": \"{\"}, \"e\": []}", "t");
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QCOMPARE(r->object().value("a").toObject().value("d").toString(), QStringLiteral("{"));
        // The same key in different objects is fine.
        QVERIFY(StrictJson::parse(R"({"a": {"x": 1}, "b": {"x": 2}, "c": [{"x": 1}, {"x": 2}]})", "t").ok());
    }

    void duplicateKeyNamesItsPath() {
        const auto top = StrictJson::parse("{\"a\": 1,\n \"a\": 2}", "spec.json");
        QVERIFY(!top.ok());
        QCOMPARE(top.error(), QStringLiteral("spec.json:2:2: a: duplicate key; it is given first at line 1 "
                                             "(each key may appear once in an object)"));
        const auto deep = StrictJson::parse(
            R"({"search_space": {"x": {"type": "float", "low": 0, "type": "int"}}})", "s");
        QVERIFY(!deep.ok());
        QVERIFY2(deep.error().contains(QStringLiteral(": search_space.x.type: duplicate key")), qPrintable(deep.error()));
        const auto inArray = StrictJson::parse(R"({"l": [{"k": 1}, {"k": 1, "k": 2}]})", "s");
        QVERIFY(!inArray.ok());
        QVERIFY2(inArray.error().contains(QStringLiteral(": l[1].k: duplicate key")), qPrintable(inArray.error()));
        // An escape that spells the same key is the same key.
        const auto escaped = StrictJson::parse("{\"ab\": 1, \"a\\u0062\": 2}", "s");
        QVERIFY(!escaped.ok());
        QVERIFY2(escaped.error().contains(QStringLiteral("ab: duplicate key")), qPrintable(escaped.error()));
        // A key in quotes with a dot is shown bracketed, as the spec's errors show it.
        const auto dotted = StrictJson::parse(R"({"m": {"training.lr": 1, "training.lr": 2}})", "s");
        QVERIFY2(dotted.error().contains(QStringLiteral("m[\"training.lr\"]: duplicate key")), qPrintable(dotted.error()));
    }

    void syntaxErrorsKeepQtsMessage() {
        const auto r = StrictJson::parse("{\"a\": 1,\n \"b\" 2}", "f.json");
        QVERIFY(!r.ok());
        QVERIFY2(r.error().startsWith(QStringLiteral("f.json:2:")), qPrintable(r.error()));
        QVERIFY(!StrictJson::parse("{\"a\": \"open", "f").ok());
        QVERIFY(!StrictJson::parse("", "f").ok());
    }

    void depthLimitIsTheSameForTextAndValues() {
        const int max = StrictJson::kMaxDepth;
        QVERIFY(StrictJson::parse(nested(max), "t").ok());
        const auto deep = StrictJson::parse(nested(max + 1), "t");
        QVERIFY(!deep.ok());
        QVERIFY2(deep.error().contains(StrictJson::depthMessage()), qPrintable(deep.error()));
        // Qt's own limit (1024) is far above ours: what we accept, Qt reads back wrapped.
        QVERIFY(!StrictJson::parse(nested(1021), "t").ok());

        const QJsonValue ok = StrictJson::parse(nested(max), "t")->array();
        QVERIFY(!StrictJson::tooDeep(ok));
        QJsonValue tooDeep = QJsonArray{ok};
        const auto at = StrictJson::tooDeep(tooDeep);
        QVERIFY(at.has_value());
        QCOMPARE(at->toString(), QStringLiteral("[0]").repeated(max));
    }
};

QTEST_GUILESS_MAIN(TestStrictJson)
#include "tst_strictjson.moc"
