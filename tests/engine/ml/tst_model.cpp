#include "ml/Model.h"
#include "support/GradientCheck.h"

#include <QtTest>

using namespace tw;

class tst_Model : public QObject {
    Q_OBJECT
private slots:
    void seededInitIsReproducible()
    {
        const auto a = ModelArchitecture::mlp(5, {16, 8}, 3, OutputKind::Softmax);
        const Model m1(a, 42), m2(a, 42), m3(a, 43);
        QCOMPARE(m1.parameters(), m2.parameters());
        QVERIFY(m1.parameters() != m3.parameters());
        QCOMPARE(m1.parameterCount(), Model::parameterCount(a));
        QCOMPARE(m1.parameterCount(), Eigen::Index(5 * 16 + 16 + 16 * 8 + 8 + 8 * 3 + 3));
    }

    void rebuildsFromArchitectureAndWeights()
    {
        ModelArchitecture a = ModelArchitecture::mlp(4, {6}, 2, OutputKind::Softmax, Activation::GELU);
        a.batchNorm = true;
        Model original(a, 1);
        original.buffers().setConstant(0.5f);  // running statistics that are not the initial ones
        const Model copy(original.architecture(), original.parameters(), original.buffers());
        const FeatureMatrix x = test::randomMatrix(10, 4, 3);
        QCOMPARE(copy.predict(x), original.predict(x));
        // Without buffers, the initial running statistics.
        const Model fresh(a, original.parameters());
        QCOMPARE(fresh.buffers().size(), Model::bufferCount(a));
        QCOMPARE(fresh.buffers().head(6), Eigen::VectorXf::Zero(6));
        QCOMPARE(fresh.buffers().tail(6), Eigen::VectorXf::Ones(6));
    }

    void wrongSizesThrow()
    {
        const auto a = ModelArchitecture::linearRegression(3);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Model(a, Eigen::VectorXf::Zero(3)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Model(a, Eigen::VectorXf::Zero(4), Eigen::VectorXf::Zero(2)));
        ModelArchitecture bad = a;
        bad.hidden = {4, 0};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Model(bad, 0));
        QCOMPARE(bad.validationError(), std::string("hidden[1]: must be >= 1, got 0"));
        const Model m(a, 0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, m.predict(FeatureMatrix::Zero(2, 5)));
    }

    void linearModelsAreWhatTheySay()
    {
        QCOMPARE(ModelArchitecture::linearRegression(3).typeName(), std::string("linear_regression"));
        QCOMPARE(ModelArchitecture::logisticRegression(3).typeName(), std::string("logistic_regression"));
        QCOMPARE(ModelArchitecture::softmaxRegression(3, 4).typeName(), std::string("softmax_regression"));
        QCOMPARE(ModelArchitecture::mlp(3, {2}, 1, OutputKind::Identity).typeName(), std::string("mlp"));
        // A linear regression computes w.x + b.
        const auto a = ModelArchitecture::linearRegression(2);
        const Model m(a, (Eigen::VectorXf(3) << 2.0f, -1.0f, 0.5f).finished());
        FeatureMatrix x(1, 2);
        x << 3.0f, 4.0f;
        QCOMPARE(m.predict(x)(0, 0), 2.0f * 3.0f - 4.0f + 0.5f);
    }

    void probabilitiesAreDistributions()
    {
        const FeatureMatrix x = test::randomMatrix(7, 3, 9, 3.0f);
        const Model softmax(ModelArchitecture::mlp(3, {5}, 4, OutputKind::Softmax), 2);
        const Eigen::MatrixXf p = softmax.predict(x);
        QCOMPARE(p.cols(), Eigen::Index(4));
        QVERIFY((p.rowwise().sum().array() - 1.0f).abs().maxCoeff() < 1e-5f);
        const Model logistic(ModelArchitecture::logisticRegression(3), 2);
        const Eigen::MatrixXf q = logistic.predict(x);
        QCOMPARE(q.cols(), Eigen::Index(2));
        QVERIFY((q.rowwise().sum().array() - 1.0f).abs().maxCoeff() < 1e-6f);
        QVERIFY((q.array() >= 0.0f).all());
    }

    void forDatasetPicksTheOutput()
    {
        Dataset d;
        d.x = FeatureMatrix::Zero(4, 3);
        d.task = Task::Classification;
        d.classLabels = {"a", "b"};
        QVERIFY(ModelArchitecture::forDataset(d, {}).output == OutputKind::Softmax);
        QVERIFY(ModelArchitecture::forDataset(d, {}, Activation::ReLU, true).output == OutputKind::Sigmoid);
        d.task = Task::Regression;
        QCOMPARE(ModelArchitecture::forDataset(d, {8}).outputs, 1);
    }
};

QTEST_GUILESS_MAIN(tst_Model)
#include "tst_model.moc"
