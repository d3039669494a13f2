// The accuracy targets of issue 3 on the bundled datasets (resources/datasets), with a
// test-local CSV reader and standardisation until the engine's own pipeline is wired in.
#include "train/Evaluator.h"
#include "train/Trainer.h"
#include "support/NumericCsv.h"

#include "support/TestPaths.h"
#include <Eigen/QR>
#include <QtTest>

using namespace tw;

namespace {

std::string dataset(const char* name)
{
    return tw::test::sourcePath(QStringLiteral("resources/datasets/")).toStdString() + name;
}

// Mean test accuracy of an MLP over split seeds 0..4, with early stopping on validation.
double meanTestAccuracy(const Dataset& all, std::vector<int> hidden, int epochs, int batch, float rate)
{
    double sum = 0.0;
    for (std::uint64_t seed = 0; seed < 5; ++seed) {
        const test::Split s = test::splitAndStandardize(all, 0.2, 0.2, seed);
        Model model(ModelArchitecture::forDataset(s.train, hidden), seed);
        TrainerConfig c;
        c.epochs = epochs;
        c.batchSize = batch;
        c.seed = seed;
        c.optimizer.learningRate = rate;
        c.earlyStopping.patience = 20;
        const TrainResult r = Trainer(c).train(model, s.train, s.validation);
        if (!r.ok())
            qFatal("training failed: %s", r.reason.c_str());
        sum += evaluate(model, s.test).metrics.at("accuracy");
    }
    return sum / 5.0;
}

} // namespace

class tst_TrainerDatasets : public QObject {
    Q_OBJECT
private slots:
    void irisMlp()
    {
        const Dataset iris = test::readNumericCsv(dataset("iris.csv"), Task::Classification);
        QCOMPARE(iris.rows(), Eigen::Index(150));
        const double acc = meanTestAccuracy(iris, {32}, 200, 16, 0.01f);
        qInfo("iris: mean test accuracy %.4f", acc);
        QVERIFY2(acc >= 0.93, qPrintable(QString("mean test accuracy %1").arg(acc)));
    }

    void digitsMlp()
    {
        const Dataset digits = test::readNumericCsv(dataset("digits.csv"), Task::Classification);
        QCOMPARE(digits.classCount(), 10);
        const double acc = meanTestAccuracy(digits, {128}, 60, 32, 1e-3f);
        qInfo("digits: mean test accuracy %.4f", acc);
        QVERIFY2(acc >= 0.95, qPrintable(QString("mean test accuracy %1").arg(acc)));
    }

    void diabetesLinearRegressionMatchesLeastSquares()
    {
        const Dataset diabetes = test::readNumericCsv(dataset("diabetes.csv"), Task::Regression);
        const test::Split s = test::splitAndStandardize(diabetes, 0.0, 0.25, 0);
        Eigen::MatrixXd a(s.train.rows(), s.train.features() + 1);
        a.leftCols(s.train.features()) = s.train.x.cast<double>();
        a.col(s.train.features()).setOnes();
        const Eigen::VectorXd coef = a.colPivHouseholderQr().solve(s.train.y.cast<double>());
        Eigen::MatrixXd at(s.test.rows(), s.test.features() + 1);
        at.leftCols(s.test.features()) = s.test.x.cast<double>();
        at.col(s.test.features()).setOnes();
        const Eigen::VectorXd pred = at * coef;
        const Eigen::VectorXd yt = s.test.y.cast<double>();
        const double r2Exact = 1.0 - (pred - yt).squaredNorm() / (yt.array() - yt.mean()).square().sum();

        Model model(ModelArchitecture::linearRegression(static_cast<int>(s.train.features())), 0);
        TrainerConfig c;
        c.epochs = 300;
        c.batchSize = 32;
        c.optimizer.learningRate = 0.01f;
        c.schedule.kind = ScheduleKind::Cosine;
        const TrainResult r = Trainer(c).train(model, s.train);
        QVERIFY2(r.ok(), r.reason.c_str());
        const double r2 = evaluate(model, s.test).metrics.at("r2");
        qInfo("diabetes: test R2 %.4f, least squares %.4f", r2, r2Exact);
        QVERIFY2(std::abs(r2 - r2Exact) < 0.01, qPrintable(QString("R2 %1, least squares %2").arg(r2).arg(r2Exact)));
    }
};

QTEST_GUILESS_MAIN(tst_TrainerDatasets)
#include "tst_trainerdatasets.moc"
