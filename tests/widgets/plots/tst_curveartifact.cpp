#include "plots/CurveArtifact.h"

#include <QtTest>

#include <cmath>

using namespace tw::widgets;

class tst_CurveArtifact : public QObject {
    Q_OBJECT
private slots:
    void readsTrainAndValidationLoss()
    {
        // As TrainArtifacts::curveJson writes it.
        const QByteArray json = R"([
            {"step":1,"epoch":1,"fold":0,"train_loss":0.9,"val_loss":1.1,"val_accuracy":0.5,"value":0.5,"learning_rate":0.01},
            {"step":2,"epoch":2,"fold":0,"train_loss":0.5,"val_loss":"nan","val_accuracy":0.7,"value":0.7,"learning_rate":0.01},
            {"step":3,"epoch":3,"fold":0,"train_loss":"inf","val_loss":0.6,"value":0.8,"learning_rate":0.01}])";
        const auto points = CurveArtifact::parse(7, json);
        QCOMPARE(points.size(), size_t(3));
        QCOMPARE(points[0].trial, 7);
        QCOMPARE(points[0].step, 1.0);
        QCOMPARE(points[0].trainLoss, 0.9);
        QCOMPARE(points[0].valLoss, 1.1);
        QVERIFY(std::isnan(points[1].valLoss));
        QCOMPARE(points[1].trainLoss, 0.5);
        QVERIFY(std::isinf(points[2].trainLoss) && points[2].trainLoss > 0);
        QCOMPARE(points[2].step, 3.0);
    }

    void anEpochWithoutLossesDrawsItsValue()
    {
        const auto points = CurveArtifact::parse(1, R"([{"step":4,"value":0.25}])");
        QCOMPARE(points.size(), size_t(1));
        QVERIFY(std::isnan(points[0].trainLoss));
        QCOMPARE(points[0].valLoss, 0.25);
    }

    void somethingElseIsNoCurve()
    {
        QVERIFY(CurveArtifact::parse(1, "").empty());
        QVERIFY(CurveArtifact::parse(1, "{\"labels\":[]}").empty());
        QVERIFY(CurveArtifact::parse(1, "[{\"epoch\":1}]").empty()); // no step
        QVERIFY(CurveArtifact::parse(1, "[").empty());
    }
};

QTEST_MAIN(tst_CurveArtifact)
#include "tst_curveartifact.moc"
