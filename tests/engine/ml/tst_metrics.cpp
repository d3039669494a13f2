#include "ml/Metrics.h"

#include <QtTest>

#include <cmath>
#include <vector>

using namespace tw;

class tst_Metrics : public QObject {
    Q_OBJECT
private slots:
    void classificationScores()
    {
        const std::vector<int> truth = {0, 0, 1, 1, 2, 2};
        const std::vector<int> pred = {0, 1, 1, 2, 2, 0};
        const Eigen::MatrixXi c = Metrics::confusionMatrix(pred, truth, 3);
        QCOMPARE(c(0, 0), 1);
        QCOMPARE(c(0, 1), 1);
        QCOMPARE(c(2, 0), 1);
        QCOMPARE(c.sum(), 6);
        QCOMPARE(Metrics::accuracy(c), 0.5);
        // Every class: tp 1, 2 actual, 2 predicted -> F1 0.5.
        QCOMPARE(Metrics::f1Macro(c), 0.5);
        const std::vector<int> pred2 = {0, 0, 0, 1, 2, 2};
        // c0: tp2, actual2, pred3 -> 0.8; c1: tp1, actual2, pred1 -> 0.667; c2: 1.0
        QVERIFY(std::abs(Metrics::f1Macro(Metrics::confusionMatrix(pred2, truth, 3)) - (0.8 + 2.0 / 3.0 + 1.0) / 3.0) < 1e-12);
    }

    void absentClassesDoNotCount()
    {
        const std::vector<int> truth = {0, 1, 0};
        const std::vector<int> pred = {0, 1, 0};
        QCOMPARE(Metrics::f1Macro(Metrics::confusionMatrix(pred, truth, 5)), 1.0);
    }

    void regressionScores()
    {
        const std::vector<float> truth = {1.0f, 2.0f, 3.0f, 4.0f};
        const std::vector<float> pred = {1.5f, 2.0f, 2.0f, 4.0f};
        const auto r = Metrics::regression(pred, truth);
        QVERIFY(std::abs(r.rmse - std::sqrt((0.25 + 1.0) / 4.0)) < 1e-12);
        QCOMPARE(r.mae, 1.5 / 4.0);
        QVERIFY(std::abs(r.r2 - (1.0 - 1.25 / 5.0)) < 1e-12);
        const std::vector<float> flat = {2.0f, 2.0f};
        QCOMPARE(Metrics::regression(flat, flat).r2, 1.0);
    }
};

QTEST_GUILESS_MAIN(tst_Metrics)
#include "tst_metrics.moc"
