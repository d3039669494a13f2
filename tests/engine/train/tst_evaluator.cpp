#include "train/Evaluator.h"
#include "support/SyntheticData.h"

#include <QtTest>

using namespace tw;

class tst_Evaluator : public QObject {
    Q_OBJECT
private slots:
    void classifierReport()
    {
        const Dataset d = test::blobs(1500, 3, 4, 1);  // more rows than one chunk
        const Model model(ModelArchitecture::forDataset(d, {8}), 5);
        const Evaluation e = evaluate(model, d);
        QCOMPARE(e.probabilities.rows(), Eigen::Index(1500));
        QCOMPARE(e.probabilities.cols(), Eigen::Index(4));
        QVERIFY((e.probabilities.rowwise().sum().array() - 1.0f).abs().maxCoeff() < 1e-5f);
        QCOMPARE(e.confusion.sum(), 1500);
        int correct = 0;
        double loss = 0.0;
        for (Eigen::Index i = 0; i < 1500; ++i) {
            Eigen::Index best = 0;
            e.probabilities.row(i).maxCoeff(&best);
            QCOMPARE(e.predictions(i), static_cast<float>(best));
            correct += best == static_cast<Eigen::Index>(d.y(i));
            loss -= std::log(static_cast<double>(e.probabilities(i, static_cast<Eigen::Index>(d.y(i)))));
        }
        QCOMPARE(e.metrics.at("accuracy"), correct / 1500.0);
        QVERIFY(std::abs(e.metrics.at("loss") - loss / 1500.0) < 1e-4);
        QVERIFY(e.metrics.count("f1_macro"));
    }

    void regressionReport()
    {
        const Dataset d = test::linearRegression(50, 2, 3);
        const Model model(ModelArchitecture::linearRegression(2), 1);
        const Evaluation e = evaluate(model, d);
        QVERIFY(e.probabilities.size() == 0 && e.confusion.size() == 0);
        const Eigen::VectorXf err = e.predictions - d.y;
        QVERIFY(std::abs(e.metrics.at("rmse") - std::sqrt(err.squaredNorm() / 50.0)) < 1e-4);
        QVERIFY(std::abs(e.metrics.at("loss") - err.squaredNorm() / 50.0) < 1e-3);
        QVERIFY(e.metrics.count("mae") && e.metrics.count("r2"));
    }

    void incompatibleDataThrows()
    {
        const Dataset d = test::blobs(10, 3, 2, 1);
        const Model wrongWidth(ModelArchitecture::softmaxRegression(4, 2), 0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, evaluate(wrongWidth, d));
        const Model regressor(ModelArchitecture::linearRegression(3), 0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, evaluate(regressor, d));
        Dataset badLabels = d;
        badLabels.y(0) = 2.0f;
        QVERIFY(!Evaluator::compatibilityError(ModelArchitecture::softmaxRegression(3, 2), badLabels).empty());
    }
};

QTEST_GUILESS_MAIN(tst_Evaluator)
#include "tst_evaluator.moc"
