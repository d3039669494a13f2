#include "objectives/CommandProtocol.h"

#include <QProcess>
#include <QtTest>

#include "support/TestPaths.h"

#include <cmath>
#include <limits>

using tw::CommandProtocol;
using Kind = CommandProtocol::Line::Kind;

class tst_CommandProtocol : public QObject {
    Q_OBJECT
private slots:
    void readsIntermediateAndResultLines()
    {
        auto l = CommandProtocol::parse(R"({"step": 3, "value": 0.52})");
        QCOMPARE(int(l.kind), int(Kind::Intermediate));
        QCOMPARE(l.step, 3LL);
        QCOMPARE(l.value, 0.52);
        l = CommandProtocol::parse("  {\"value\": 0.41}\r");
        QCOMPARE(int(l.kind), int(Kind::Result));
        QCOMPARE(l.value, 0.41);
        l = CommandProtocol::parse(R"({"value": 1, "metrics": {"loss": 0.25, "acc": "nan", "name": "x"}})");
        QCOMPARE(int(l.kind), int(Kind::Result));
        QCOMPARE(l.metrics.size(), std::size_t(2));  // a string that is no number is left out
        QCOMPARE(l.metrics.at("loss"), 0.25);
        QVERIFY(std::isnan(l.metrics.at("acc")));
    }

    // #13 item 16: what Python's json.dumps writes for nan, inf and -inf.
    void readsPythonsNonFiniteTokens()
    {
        auto l = CommandProtocol::parse(R"({"value": NaN})");
        QCOMPARE(int(l.kind), int(Kind::Result));
        QVERIFY(std::isnan(l.value));
        l = CommandProtocol::parse(R"({"value": Infinity})");
        QCOMPARE(int(l.kind), int(Kind::Result));
        QCOMPARE(l.value, std::numeric_limits<double>::infinity());
        l = CommandProtocol::parse(R"({"value": -Infinity})");
        QCOMPARE(l.value, -std::numeric_limits<double>::infinity());
        l = CommandProtocol::parse(R"({"step": 2, "value": NaN, "metrics": {"loss": Infinity, "gap": -Infinity}})");
        QCOMPARE(int(l.kind), int(Kind::Intermediate));
        QCOMPARE(l.step, 2LL);
        QVERIFY(std::isnan(l.value));
        QCOMPARE(l.metrics.at("loss"), std::numeric_limits<double>::infinity());
        QCOMPARE(l.metrics.at("gap"), -std::numeric_limits<double>::infinity());
        // The strings of the older form still count.
        l = CommandProtocol::parse(R"({"value": "-inf"})");
        QCOMPARE(l.value, -std::numeric_limits<double>::infinity());
    }

    void tokensInsideStringsAreLeftAlone()
    {
        // (Plain literals: AUTOMOC's scan misreads a raw string that holds \".)
        QCOMPARE(CommandProtocol::quoteNonFinite("{\"note\": \"NaN and -Infinity \\\" NaN\", \"value\": NaN}"),
                 QByteArray("{\"note\": \"NaN and -Infinity \\\" NaN\", \"value\": \"nan\"}"));
        QCOMPARE(CommandProtocol::quoteNonFinite(R"([NaN,-Infinity,Infinity])"),
                 QByteArray(R"(["nan","-inf","inf"])"));
        // Not tokens: parts of longer words.
        QCOMPARE(CommandProtocol::quoteNonFinite("NaNa xNaN Infinity2"), QByteArray("NaNa xNaN Infinity2"));
        const auto l = CommandProtocol::parse(R"({"note": "NaN", "value": 2})");
        QCOMPARE(int(l.kind), int(Kind::Result));
        QCOMPARE(l.value, 2.0);
    }

    // What python/tunewright prints in a trial is read as it means (#19).
    void readsWhatThePythonHelperPrints()
    {
        if (!QFileInfo::exists("/usr/bin/python3"))
            QSKIP("no /usr/bin/python3");
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("PYTHONPATH", tw::test::sourcePath("python"));
        env.insert("PYTHONDONTWRITEBYTECODE", "1");
        env.insert("TW_PARAMS", R"({"lr": 0.1})");
        p.setProcessEnvironment(env);
        p.start("/usr/bin/python3",
                {"-c", "import tunewright as tw\n"
                       "tw.report(1, 0.5)\n"
                       "tw.report(2, float('nan'), train_loss=0.25, gap=float('-inf'))\n"
                       "tw.Reporter(catch_sigterm=False).on_epoch_end(3, float('inf'))\n"
                       "tw.result(tw.param('lr') * 4, accuracy=0.75)\n"
                       "tw.result(float('-inf'))\n"});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QList<QByteArray> lines = p.readAllStandardOutput().trimmed().split('\n');
        QCOMPARE(lines.size(), 5);
        const double inf = std::numeric_limits<double>::infinity();
        auto l = CommandProtocol::parse(lines[0]);
        QCOMPARE(int(l.kind), int(Kind::Intermediate));
        QCOMPARE(l.step, 1LL);
        QCOMPARE(l.value, 0.5);
        QVERIFY(l.metrics.empty());
        l = CommandProtocol::parse(lines[1]);
        QCOMPARE(int(l.kind), int(Kind::Intermediate));
        QCOMPARE(l.step, 2LL);
        QVERIFY(std::isnan(l.value));
        QCOMPARE(l.metrics.at("train_loss"), 0.25);
        QCOMPARE(l.metrics.at("gap"), -inf);
        l = CommandProtocol::parse(lines[2]);
        QCOMPARE(int(l.kind), int(Kind::Intermediate));
        QCOMPARE(l.step, 3LL);
        QCOMPARE(l.value, inf);
        l = CommandProtocol::parse(lines[3]);
        QCOMPARE(int(l.kind), int(Kind::Result));
        QCOMPARE(l.value, 0.4);
        QCOMPARE(l.metrics.at("accuracy"), 0.75);
        l = CommandProtocol::parse(lines[4]);
        QCOMPARE(int(l.kind), int(Kind::Result));
        QCOMPARE(l.value, -inf);
    }

    void otherLinesAreNotProtocol()
    {
        for (const char* text : {"", "epoch 3 loss 0.2", "{", "{\"value\": \"high\"}", "{\"val\": 1}",
                                 "[1, 2]", "{\"step\": \"3\", \"value\": 1}", "{\"step\": NaN, \"value\": 1}",
                                 "{\"step\": 1e300, \"value\": 1}", "{\"value\": nan}", "{\"value\": NaN NaN}"}) {
            const auto l = CommandProtocol::parse(text);
            QVERIFY2(l.kind == Kind::Other, text);
        }
    }
};

QTEST_GUILESS_MAIN(tst_CommandProtocol)
#include "tst_commandprotocol.moc"
