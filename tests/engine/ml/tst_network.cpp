#include "ml/Loss.h"
#include "ml/Model.h"
#include "ml/Network.h"
#include "support/GradientCheck.h"

#include <QtTest>

using namespace tw;

namespace {

// The mean loss of a whole network on a batch, and its gradient by backward().
struct NetworkCheck {
    double error = 0.0;
};

double checkNetwork(const ModelArchitecture& a, const LossConfig& lossConfig, const Eigen::VectorXf& targets,
                    Eigen::Index n, float h, unsigned inputSeed = 5)
{
    Network net(a, n);
    Eigen::VectorXf params(net.parameterCount());
    Eigen::VectorXf buffers(net.bufferCount());
    net.initializeParameters(params, 3);
    net.initializeBuffers(buffers);
    // Biases and batch-norm shifts away from their zero initialisation.
    for (const ParameterBlock& b : net.parameterBlocks())
        if (!b.isWeight)
            params.segment(b.offset, b.size()) += test::randomMatrix(b.size(), 1, 17, 0.2f);
    const Eigen::MatrixXf x = test::randomMatrix(a.inputs, n, inputSeed);
    const auto loss = Loss::create(lossConfig, a.output);
    const LossTargets t{targets.data(), nullptr};
    const auto objective = [&](const Eigen::VectorXf& p) {
        net.input(n) = x;
        const ConstMatrixMap z = net.forward(p.data(), buffers.data(), n, true, 77);
        return loss->evaluate(z, t, nullptr, 1.0f) / static_cast<double>(n);
    };
    net.input(n) = x;
    const ConstMatrixMap z = net.forward(params.data(), buffers.data(), n, true, 77);
    loss->evaluate(z, t, net.outputGradient().data(), 1.0f / static_cast<float>(n));
    Eigen::VectorXf grad = Eigen::VectorXf::Constant(params.size(), 9999.0f);
    net.backward(params.data(), grad.data());
    const Eigen::VectorXd numeric = test::numericGradient(objective, params, h);
    return test::maxRelativeError(grad, numeric, 1e-2);
}

} // namespace

class tst_Network : public QObject {
    Q_OBJECT
private slots:
    void layersFollowTheArchitecture()
    {
        ModelArchitecture a = ModelArchitecture::mlp(4, {8, 6}, 3, OutputKind::Softmax, Activation::Tanh);
        a.batchNorm = true;
        a.dropout = 0.2f;
        const Network net(a, 16);
        QStringList kinds;
        for (const auto& l : net.layers())
            kinds << QString::fromUtf8(l->kind().data(), static_cast<int>(l->kind().size()));
        QCOMPARE(kinds, QStringList({"dense", "batch_norm", "dropout", "dense", "batch_norm", "dropout", "dense"}));
        QCOMPARE(net.parameterCount(), Eigen::Index(4 * 8 + 8 + 16 + 8 * 6 + 6 + 12 + 6 * 3 + 3));
        QCOMPARE(net.bufferCount(), Eigen::Index(16 + 12));
        // The blocks tile the parameter vector exactly.
        Eigen::Index next = 0;
        for (const ParameterBlock& b : net.parameterBlocks()) {
            QCOMPARE(b.offset, next);
            next += b.size();
        }
        QCOMPARE(next, net.parameterCount());
        QCOMPARE(net.parameterBlocks().front().name, std::string("layers.0.weight"));
        QCOMPARE(net.bufferBlocks().front().name, std::string("layers.1.running_mean"));
    }

    void mlpGradientMatchesFiniteDifferences()
    {
        const auto a = ModelArchitecture::mlp(4, {5, 3}, 3, OutputKind::Softmax, Activation::Tanh);
        const Eigen::VectorXf y = (Eigen::VectorXf(6) << 0, 2, 1, 1, 0, 2).finished();
        const double err = checkNetwork(a, {}, y, 6, 1e-3f);
        QVERIFY2(err < 5e-3, qPrintable(QString("error %1").arg(err)));
    }

    void batchNormDropoutGeluGradientMatchesFiniteDifferences()
    {
        ModelArchitecture a = ModelArchitecture::mlp(3, {6, 4}, 4, OutputKind::Softmax, Activation::GELU);
        a.batchNorm = true;
        a.dropout = 0.25f;
        LossConfig loss;
        loss.labelSmoothing = 0.1f;
        const Eigen::VectorXf y = (Eigen::VectorXf(8) << 0, 1, 2, 3, 3, 2, 1, 0).finished();
        // Smooth everywhere (no ReLU kink): a larger step keeps float rounding, amplified
        // by the normalisation, below the tolerance.
        const double err = checkNetwork(a, loss, y, 8, 1e-2f);
        QVERIFY2(err < 5e-3, qPrintable(QString("error %1").arg(err)));
    }

    // #15: a whole CNN (conv blocks with batch norm, max and average pooling, a stride-2
    // valid block, flatten or global pooling, dense layers) against finite differences.
    void cnnGradientMatchesFiniteDifferences_data()
    {
        QTest::addColumn<bool>("globalPool");
        QTest::addColumn<bool>("batchNorm");
        QTest::addColumn<int>("poolType");
        QTest::newRow("flatten, max pool") << false << false << int(PoolType::Max);
        QTest::newRow("batch norm, avg pool") << false << true << int(PoolType::Avg);
        QTest::newRow("global pool, batch norm") << true << true << int(PoolType::Max);
    }
    void cnnGradientMatchesFiniteDifferences()
    {
        QFETCH(bool, globalPool);
        QFETCH(bool, batchNorm);
        QFETCH(int, poolType);
        ModelArchitecture a = ModelArchitecture::cnn(
            {2, 7, 6}, {{3, 3, 1, Padding::Same, 2}, {4, 3, 2, Padding::Valid, 1}}, {5}, 3, OutputKind::Softmax,
            Activation::Tanh);
        a.globalPool = globalPool;
        a.batchNorm = batchNorm;
        a.poolType = static_cast<PoolType>(poolType);
        QVERIFY2(a.validationError().empty(), a.validationError().c_str());
        QCOMPARE(a.convShapes().back(), (ImageShape{4, 1, 1}));
        const Eigen::VectorXf y = (Eigen::VectorXf(4) << 0, 2, 1, 2).finished();
        // Max pooling is not differentiable where two values of a window tie, and a central
        // difference whose step crosses a near-tie is wrong for every first-layer weight at
        // once. With 108 pooling windows such near-ties are common: of the inputs drawn
        // with seeds 5..9 (the generator of #18 item 2), 5, 7 and 8 put one within a step
        // (for seed 5 the error falls from 0.57 to 0.02 as the step goes from 2e-3 to 2e-4,
        // the mark of a kink, not of a wrong gradient). Seed 6 has none.
        const double err = checkNetwork(a, {}, y, 4, 2e-3f, 6);
        // Float32 central differences through batch norm over 4 samples reach 5.2e-3 in the
        // -O1 ASan build (4e-3 at -O2); a wrong gradient term is off by more than 0.1.
        QVERIFY2(err < 1e-2, qPrintable(QString("error %1").arg(err)));
    }

    void cnnShapesAndLayers()
    {
        const auto a = ModelArchitecture::cnn({1, 28, 28}, {{32, 3, 1, Padding::Same, 2}, {64, 3, 1, Padding::Same, 2}},
                                              {128}, 10, OutputKind::Softmax);
        QCOMPARE(a.typeName(), std::string("cnn"));
        QCOMPARE(a.convShapes().size(), size_t(2));
        QCOMPARE(a.convShapes()[0], (ImageShape{32, 14, 14}));
        QCOMPARE(a.convShapes()[1], (ImageShape{64, 7, 7}));
        QCOMPARE(a.denseInputs(), 3136);
        const Network net(a, 2);
        std::vector<std::string> kinds;
        for (const auto& l : net.layers())
            kinds.emplace_back(l->kind());
        QCOMPARE(kinds, (std::vector<std::string>{"conv2d", "max_pool2d", "conv2d", "max_pool2d", "flatten", "dense",
                                                  "dense"}));
        // PyTorch's count for the same net: 320 + 18496 + 401536 + 1290.
        QCOMPARE(net.parameterCount(), Eigen::Index(421642));

        ModelArchitecture bad = a;
        bad.conv.push_back({8, 3, 1, Padding::Same, 8});
        QCOMPARE(bad.validationError(), std::string("conv[2].pool: pooling by 8 makes the 8x7x7 map smaller than 1x1"));
        bad.conv.back() = {8, 9, 1, Padding::Valid, 1};
        QCOMPARE(bad.validationError(), std::string("conv[2]: a valid 9x9 convolution does not fit the 64x7x7 map"));
        bad.conv.back() = {8, 2, 1, Padding::Same, 1};
        QCOMPARE(bad.validationError(), std::string("conv[2].kernel: must be odd and >= 1, got 2"));
    }

    void logisticRegressionGradientMatchesFiniteDifferences()
    {
        const auto a = ModelArchitecture::logisticRegression(5);
        const Eigen::VectorXf y = (Eigen::VectorXf(4) << 0, 1, 1, 0).finished();
        const double err = checkNetwork(a, {}, y, 4, 1e-3f);
        QVERIFY2(err < 5e-3, qPrintable(QString("error %1").arg(err)));
    }

    void regressionWithHuberGradientMatchesFiniteDifferences()
    {
        ModelArchitecture a = ModelArchitecture::mlp(3, {4}, 1, OutputKind::Identity, Activation::Sigmoid);
        LossConfig loss;
        loss.kind = LossKind::Huber;
        loss.huberDelta = 0.5f;
        const Eigen::VectorXf y = (Eigen::VectorXf(5) << 0.3f, -2.0f, 1.5f, 0.0f, 4.0f).finished();
        const double err = checkNetwork(a, loss, y, 5, 1e-3f);
        QVERIFY2(err < 5e-3, qPrintable(QString("error %1").arg(err)));
    }

    void leakyReluGradientMatchesFiniteDifferences()
    {
        ModelArchitecture a = ModelArchitecture::mlp(4, {7}, 1, OutputKind::Identity, Activation::LeakyReLU);
        a.leakySlope = 0.2f;
        const Eigen::VectorXf y = (Eigen::VectorXf(3) << 1.0f, -1.0f, 0.5f).finished();
        const double err = checkNetwork(a, {}, y, 3, 1e-3f);
        QVERIFY2(err < 5e-3, qPrintable(QString("error %1").arg(err)));
    }

    void chunkedInferenceMatchesOneBatch()
    {
        const auto a = ModelArchitecture::mlp(3, {5}, 2, OutputKind::Softmax, Activation::ReLU);
        const Model model(a, 4);
        FeatureMatrix x = test::randomMatrix(2000, 3, 6);
        const Eigen::MatrixXf all = model.logits(x);  // 1024-row chunks inside
        Network net(a, 2000);
        net.input(2000) = x.transpose();
        const Eigen::MatrixXf direct = net.forward(model.parameters().data(), model.buffers().data(), 2000, false).transpose();
        QVERIFY(all.isApprox(direct, 1e-6f));
    }
};

QTEST_GUILESS_MAIN(tst_Network)
#include "tst_network.moc"
