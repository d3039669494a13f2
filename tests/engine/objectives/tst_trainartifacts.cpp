#include "io/JsonNumber.h"
#include "objectives/TrainArtifacts.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>
#include <cstdio>
#include <limits>

using namespace tw;

namespace {

// The curve as Qt's JSON classes build it: what curveJson wrote before it wrote the text
// itself, and what every reader of the artifact parses.
QJsonArray reference(const std::vector<TrainEpochRecord>& history)
{
    QJsonArray out;
    for (const auto& e : history) {
        QJsonObject o = TrainArtifacts::metricsJson(e.metrics);
        o.insert("step", static_cast<qint64>(e.step));
        o.insert("epoch", e.epoch);
        o.insert("fold", e.fold);
        o.insert("value", JsonNumber::toJson(e.value));
        o.insert("learning_rate", JsonNumber::toJson(e.learningRate));
        out.append(o);
    }
    return out;
}

TrainEpochRecord record(std::int64_t step, int fold, int epoch, double value, std::map<std::string, double> m)
{
    TrainEpochRecord r;
    r.step = step;
    r.fold = fold;
    r.epoch = epoch;
    r.value = value;
    r.metrics = std::move(m);
    r.learningRate = 1e-4 * static_cast<double>(epoch);
    return r;
}

} // namespace

class tst_TrainArtifacts : public QObject {
    Q_OBJECT
private slots:
    void curveIsTheJsonQtWouldWrite()
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double inf = std::numeric_limits<double>::infinity();
        const std::vector<TrainEpochRecord> history = {
            record(1, 0, 1, 0.1361111111111111, {{"train_loss", 2.302585092994046}, {"val_accuracy", 0.1361111111111111},
                                                 {"val_loss", 1e-300}, {"train_f1_macro", 0.0}}),
            record(2, 0, 2, nan, {{"train_loss", inf}, {"val_accuracy", nan}, {"val_loss", -inf}}),
            // A metric named like a fixed key is replaced by it; odd names are escaped.
            record(201, 1, 1, 0.5, {{"step", 99.0}, {"a\"b\\c\nd", -0.0}, {"zeta", 123456789012.0}}),
        };
        const QByteArray text = TrainArtifacts::curveJson(history);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(doc.isArray());
        QCOMPARE(doc.array(), reference(history));
        QCOMPARE(doc.array().at(2).toObject().value("step").toInteger(), 201);
        QCOMPARE(doc.array().at(1).toObject().value("val_loss").toString(), QString("-inf"));
        // Compact, and keys in Qt's (sorted) order.
        QVERIFY(!text.contains(' ') && !text.contains('\n'));
        QVERIFY(text.startsWith("[{\"epoch\":1,\"fold\":0,\"learning_rate\":"));
    }

    void numbersReadBackExactly()
    {
        std::vector<TrainEpochRecord> history;
        double v = 0.1;
        for (int i = 1; i <= 200; ++i) {
            v = v * 1.37 + 1e-7 / i;
            history.push_back(record(i, 0, i, v, {{"train_loss", 1.0 / v}, {"val_loss", v / 3.0}}));
        }
        const QJsonArray back = QJsonDocument::fromJson(TrainArtifacts::curveJson(history)).array();
        QCOMPARE(back.size(), 200);
        for (int i = 0; i < 200; ++i) {
            const QJsonObject o = back.at(i).toObject();
            QCOMPARE(o.value("value").toDouble(), history[size_t(i)].value);
            QCOMPARE(o.value("train_loss").toDouble(), history[size_t(i)].metrics.at("train_loss"));
            QCOMPARE(o.value("learning_rate").toDouble(), history[size_t(i)].learningRate);
        }
    }

    void logLineIsPrintfs()
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double inf = std::numeric_limits<double>::infinity();
        const double values[] = {0.0, -0.0, 1.0, 0.1, 2.0 / 3.0, 123456.5, 1234567.0, 1e-5, 0.00012345678,
                                 -9.87654321e-12, 6.02e23, 1e300, 5e-324, nan, -nan, inf, -inf};
        for (const double a : values) {
            for (const double b : {0.5, a}) {
                TrainEpochRecord e = record(1234, 2, 7, a, {{"train_loss", a}, {"val_accuracy", b}});
                e.learningRate = b;
                e.seconds = std::isfinite(a) ? std::fabs(a) : a;
                std::string expected = "step 1234 (fold 3, epoch 7):";
                char buf[400];
                for (const auto& [k, v] : e.metrics) {
                    std::snprintf(buf, sizeof buf, " %s=%.6g", k.c_str(), v);
                    expected += buf;
                }
                std::snprintf(buf, sizeof buf, " lr=%.6g %.3fs\n", e.learningRate, e.seconds);
                expected += buf;
                QCOMPARE(TrainArtifacts::logLine(e, true), expected);
            }
        }
        QCOMPARE(TrainArtifacts::logLine(record(3, 0, 3, 1.0, {}), false), std::string("step 3: lr=0.0003 0.000s\n"));
    }

    void noEpochsIsAnEmptyArray()
    {
        QCOMPARE(TrainArtifacts::curveJson({}), QByteArray("[]"));
    }
};

QTEST_MAIN(tst_TrainArtifacts)
#include "tst_trainartifacts.moc"
