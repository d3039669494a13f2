// #18: doubles in JSON, NaN and the infinities as util/NonFinite's strings.
#include "io/JsonNumber.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include <cmath>
#include <limits>

using tw::JsonNumber;

class tst_JsonNumber : public QObject {
    Q_OBJECT
private slots:
    void roundTripsThroughJsonText()
    {
        const double inf = std::numeric_limits<double>::infinity();
        const double values[] = {0.0, -2.5, 1e-300, inf, -inf, std::numeric_limits<double>::quiet_NaN()};
        QJsonArray a;
        for (double v : values)
            a.append(JsonNumber::toJson(v));
        const QByteArray text = QJsonDocument(a).toJson(QJsonDocument::Compact);
        QCOMPARE(text, QByteArray(R"([0,-2.5,1e-300,"inf","-inf","nan"])"));
        const QJsonArray back = QJsonDocument::fromJson(text).array();
        for (qsizetype i = 0; i < back.size(); ++i) {
            const std::optional<double> v = JsonNumber::fromJson(back[i]);
            QVERIFY(v);
            if (std::isnan(values[i]))
                QVERIFY(std::isnan(*v));
            else
                QCOMPARE(*v, values[i]);
        }
    }

    void refusesOtherValues()
    {
        QVERIFY(!JsonNumber::fromJson(QJsonValue("Infinity")));
        QVERIFY(!JsonNumber::fromJson(QJsonValue(true)));
        QVERIFY(!JsonNumber::fromJson(QJsonValue()));
        QVERIFY(!JsonNumber::fromJson(QJsonValue("1.5")));
        QCOMPARE(*JsonNumber::fromJsonLenient(QJsonValue("Infinity")), std::numeric_limits<double>::infinity());
        QVERIFY(!JsonNumber::fromJsonLenient(QJsonValue("1.5")));
    }
};

QTEST_GUILESS_MAIN(tst_JsonNumber)
#include "tst_jsonnumber.moc"
