#include "spec/CanonicalJson.h"
#include "spec/SpecSearchSpace.h"
#include "spec/StudySpecParser.h"
#include "support/TestPaths.h"

#include <QJsonArray>
#include <QtTest>

using namespace tw;

namespace {
SearchSpaceSpec spaceOf(const char* searchSpaceJson) {
    const QByteArray doc =
        QByteArray(R"({"objective": {"type": "command", "argv": ["x"]}, "search_space": )") +
        searchSpaceJson + "}";
    auto r = StudySpecParser::parseBytes(doc);
    if (!r)
        qFatal("%s", qPrintable(r.error()));
    return r->searchSpace;
}
} // namespace

class TestSpecSearchSpace : public QObject {
    Q_OBJECT

private slots:
    void distributions() {
        const auto spec = spaceOf(R"({
            "f": {"type": "float", "low": 0.001, "high": 1, "log": true},
            "g": {"type": "float", "low": 0, "high": 1, "step": 0.25},
            "i": {"type": "int", "low": 2, "high": 10, "step": 2},
            "c": {"type": "categorical", "choices": ["a", [1.0, 2], {"k": null}, false]},
            "x": {"type": "fixed", "value": {"b": 1, "a": 2}}})");
        const auto space = SpecSearchSpace::build(spec);
        QVERIFY2(space.ok(), qPrintable(space.error()));
        const Distribution& f = space->find("f")->distribution;
        QVERIFY(f.kind() == Distribution::Kind::Float && f.isLog() && f.low() == 0.001);
        const Distribution& g = space->find("g")->distribution;
        QCOMPARE(g.step(), 0.25);
        const Distribution& i = space->find("i")->distribution;
        QVERIFY(i.kind() == Distribution::Kind::Int);
        QCOMPARE(i.step(), 2.0);
        const Distribution& c = space->find("c")->distribution;
        QCOMPARE(c.choices(),
                 (std::vector<std::string>{"\"a\"", "[1,2]", "{\"k\":null}", "false"}));
        const Distribution& x = space->find("x")->distribution;
        QVERIFY(x.kind() == Distribution::Kind::Fixed);
        QCOMPARE(x.choices(), std::vector<std::string>{"{\"a\":2,\"b\":1}"});
    }

    void internalToJsonAndBack() {
        const auto spec = spaceOf(R"({
            "f": {"type": "float", "low": 0, "high": 1},
            "i": {"type": "int", "low": -5, "high": 5},
            "c": {"type": "categorical", "choices": ["a", [1, 2], null]},
            "x": {"type": "fixed", "value": 3.5}})");
        const auto space = SpecSearchSpace::build(spec);
        QVERIFY(space.ok());
        const ParamValues values{{"f", 0.25}, {"i", -3.0}, {"c", 1.0}, {"x", 0.0}};
        const QJsonObject json = SpecSearchSpace::toJson(values, *space);
        QCOMPARE(CanonicalJson::write(json),
                 QStringLiteral(R"({"c":[1,2],"f":0.25,"i":-3,"x":3.5})"));
        QCOMPARE(json.value(QStringLiteral("i")).toVariant().typeId(), int(QMetaType::LongLong));
        const auto back = SpecSearchSpace::fromJson(json, *space);
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QCOMPARE(back.value(), values);
        // A null choice is a choice like any other.
        QVERIFY(SpecSearchSpace::toJsonValue(2.0, space->find("c")->distribution).isNull());
        QVERIFY_THROWS_EXCEPTION(std::out_of_range,
                                 SpecSearchSpace::toJsonValue(3.0, space->find("c")->distribution));

        auto bad = SpecSearchSpace::fromJson({{QStringLiteral("i"), 2.5}}, *space);
        QCOMPARE(bad.error(), QStringLiteral("i: 2.5 is not in the parameter's domain"));
        bad = SpecSearchSpace::fromJson({{QStringLiteral("c"), QStringLiteral("b")}}, *space);
        QCOMPARE(bad.error(), QStringLiteral("c: \"b\" is not in the parameter's domain"));
        bad = SpecSearchSpace::fromJson({{QStringLiteral("zz"), 1}}, *space);
        QCOMPARE(bad.error(),
                 QStringLiteral(
                     "zz: not a parameter of the search space; expected one of c, f, i or x"));
        bad = SpecSearchSpace::fromJson({{QStringLiteral("f"), 1.5}}, *space);
        QVERIFY(!bad.ok());
    }

    void conditionsMapToInternalValues() {
        const auto spec = spaceOf(R"({
            "opt": {"type": "categorical", "choices": ["sgd", "adam", "rmsprop"]},
            "momentum": {"type": "float", "low": 0, "high": 0.99, "condition": {"param": "opt", "not_in": ["adam"]}},
            "depth": {"type": "int", "low": 1, "high": 4},
            "width2": {"type": "int", "low": 8, "high": 64, "condition": {"param": "depth", "in": [2, 3, 4]}},
            "flag": {"type": "fixed", "value": true},
            "extra": {"type": "float", "low": 0, "high": 1, "condition": {"param": "flag", "in": [true]}}})");
        const auto space = SpecSearchSpace::build(spec);
        QVERIFY2(space.ok(), qPrintable(space.error()));
        const ParamSpec* m = space->find("momentum");
        QCOMPARE(m->condition->values, std::vector<double>{1.0});
        QVERIFY(m->condition->notIn);
        QCOMPARE(space->find("width2")->condition->values, (std::vector<double>{2.0, 3.0, 4.0}));
        QCOMPARE(space->find("extra")->condition->values, std::vector<double>{0.0});
        QVERIFY(space->isActive(*m, {{"opt", 0.0}}));
        QVERIFY(!space->isActive(*m, {{"opt", 1.0}}));
    }

    // #15: a key into a conv block is active only for the choices of a searched
    // model.conv that have the block (an implied condition), met with its own condition.
    void convBlockKeysAreConditionalOnTheChosenBlocks() {
        const StudySpec s = [] {
            auto r = StudySpecParser::parseFile(
                tw::test::testData(QStringLiteral("specs/good/cnn-digits-conv-search.json")));
            if (!r)
                qFatal("%s", qPrintable(r.error()));
            return *r;
        }();
        const auto space = SpecSearchSpace::build(s.searchSpace);
        QVERIFY2(space.ok(), qPrintable(space.error()));
        // Both choices have block 0: no condition. Only choice 1 has block 1.
        const ParamSpec* filters = space->find("model.conv.0.filters");
        QVERIFY(filters && !filters->condition);
        const ParamSpec* kernel = space->find("model.conv.1.kernel");
        QVERIFY(kernel && kernel->condition);
        QCOMPARE(kernel->condition->parent, std::string("model.conv"));
        QCOMPARE(kernel->condition->values, std::vector<double>{1.0});
        QVERIFY(!kernel->condition->notIn);
        QVERIFY(!space->isActive(*kernel, {{"model.conv", 0.0}}));
        QVERIFY(space->isActive(*kernel, {{"model.conv", 1.0}}));
        QCOMPARE(SpecSearchSpace::convBlockIndex(QStringLiteral("model.conv.12.pool")), std::optional<qsizetype>(12));
        QVERIFY(!SpecSearchSpace::convBlockIndex(QStringLiteral("model.conv.x.pool")));
        QVERIFY(!SpecSearchSpace::convBlockIndex(QStringLiteral("model.conv.1")));
        QVERIFY(!SpecSearchSpace::convBlockIndex(QStringLiteral("model.hidden.1.x")));

        // A condition of its own on model.conv is met together with the implied one.
        const auto both = SpecSearchSpace::build(spaceOf(R"({
            "model.conv": {"type": "categorical", "choices": [[{"filters": 4}], [{"filters": 4}, {"filters": 8}],
                                                               [{"filters": 4}, {"filters": 8}, {"filters": 8}]]},
            "model.conv.1.pool": {"type": "int", "low": 1, "high": 2,
                                  "condition": {"param": "model.conv", "not_in": [[{"filters": 4}, {"filters": 8}]]}}})"));
        QVERIFY2(both.ok(), qPrintable(both.error()));
        const ParamSpec* pool = both->find("model.conv.1.pool");
        QCOMPARE(pool->condition->values, std::vector<double>{2.0});
        QVERIFY(!pool->condition->notIn);
    }

    void errorsNameThePath() {
        SearchSpaceSpec s;
        ParamSpecJson p;
        p.name = QStringLiteral("x");
        p.kind = Distribution::Kind::Float;
        p.low = 1;
        p.high = 0;
        s.params.push_back(p);
        auto r = SpecSearchSpace::build(s);
        QCOMPARE(r.error(), QStringLiteral("search_space.x: low (1) must be less than high (0)"));

        ParamSpecJson q;
        q.name = QStringLiteral("y");
        q.kind = Distribution::Kind::Int;
        q.low = 1;
        q.high = 5;
        q.step = 1;
        q.condition = ParamSpecJson::Condition{QStringLiteral("y"), QJsonArray{1}, false};
        SearchSpaceSpec t;
        t.params.push_back(q);
        QCOMPARE(
            SpecSearchSpace::build(t).error(),
            QStringLiteral("search_space.y.condition.param: a parameter cannot depend on itself"));
        q.condition = ParamSpecJson::Condition{QStringLiteral("z"), QJsonArray{7}, false};
        ParamSpecJson z = q;
        z.name = QStringLiteral("z");
        z.condition.reset();
        t.params = {q, z};
        QCOMPARE(
            SpecSearchSpace::build(t).error(),
            QStringLiteral("search_space.y.condition.in[0]: 7 is not a value that \"z\" can take"));
    }

    void gridResolutions() {
        SamplerSpec sampler;
        sampler.type = SamplerSpec::Type::Grid;
        const auto spec = spaceOf(R"({
            "a": {"type": "float", "low": 0, "high": 1, "resolution": 3},
            "b": {"type": "float", "low": 0, "high": 1},
            "c": {"type": "float", "low": 0, "high": 1, "step": 0.5},
            "d": {"type": "int", "low": 0, "high": 3}})");
        auto res = SpecSearchSpace::gridResolutions(spec, sampler);
        QCOMPARE(res, (std::map<std::string, int>{{"a", 3}}));
        sampler.resolution = 7;
        res = SpecSearchSpace::gridResolutions(spec, sampler);
        QCOMPARE(res, (std::map<std::string, int>{{"a", 3}, {"b", 7}}));
    }
};

QTEST_GUILESS_MAIN(TestSpecSearchSpace)
#include "tst_specsearchspace.moc"
