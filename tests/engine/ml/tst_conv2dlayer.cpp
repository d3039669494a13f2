#include "ml/Conv2DLayer.h"
#include "support/LayerGradientCheck.h"

#include <QtTest>

using namespace tw;

namespace {

// The convolution by its definition, one output at a time, with the same padding split.
Eigen::MatrixXf directConvolution(const ImageShape& in, const ImageShape& out, int kernel, int stride, int padTop,
                                  int padLeft, const Eigen::VectorXf& p, const Eigen::MatrixXf& x)
{
    const int patch = in.channels * kernel * kernel;
    Eigen::MatrixXf y(out.size(), x.cols());
    for (Eigen::Index j = 0; j < x.cols(); ++j)
        for (int f = 0; f < out.channels; ++f)
            for (int oy = 0; oy < out.height; ++oy)
                for (int ox = 0; ox < out.width; ++ox) {
                    double sum = p(patch * out.channels + f);
                    for (int c = 0; c < in.channels; ++c)
                        for (int ky = 0; ky < kernel; ++ky)
                            for (int kx = 0; kx < kernel; ++kx) {
                                const int iy = oy * stride - padTop + ky, ix = ox * stride - padLeft + kx;
                                if (iy < 0 || iy >= in.height || ix < 0 || ix >= in.width)
                                    continue;
                                sum += double(p(f * patch + (c * kernel + ky) * kernel + kx)) *
                                       x((c * in.height + iy) * in.width + ix, j);
                            }
                    y((f * out.height + oy) * out.width + ox, j) = static_cast<float>(sum);
                }
    return y;
}

} // namespace

class tst_Conv2DLayer : public QObject {
    Q_OBJECT
private slots:
    void shapes_data()
    {
        QTest::addColumn<int>("side");
        QTest::addColumn<int>("kernel");
        QTest::addColumn<int>("stride");
        QTest::addColumn<int>("padding");
        QTest::addColumn<int>("expected");
        QTest::newRow("same 28 k3 s1") << 28 << 3 << 1 << int(Padding::Same) << 28;
        QTest::newRow("same 7 k3 s2") << 7 << 3 << 2 << int(Padding::Same) << 4;
        QTest::newRow("same 8 k5 s2") << 8 << 5 << 2 << int(Padding::Same) << 4;
        QTest::newRow("valid 28 k3 s1") << 28 << 3 << 1 << int(Padding::Valid) << 26;
        QTest::newRow("valid 7 k3 s2") << 7 << 3 << 2 << int(Padding::Valid) << 3;
        QTest::newRow("valid 2 k3: does not fit") << 2 << 3 << 1 << int(Padding::Valid) << 0;
    }
    void shapes()
    {
        QFETCH(int, side);
        QFETCH(int, kernel);
        QFETCH(int, stride);
        QFETCH(int, padding);
        QFETCH(int, expected);
        const ImageShape out = convolvedShape({3, side, side}, 8, kernel, stride, static_cast<Padding>(padding));
        QCOMPARE(out.channels, 8);
        QCOMPARE(out.height, expected);
        QCOMPARE(out.width, expected);
    }

    // Every geometry against the definition, in the one-sample and the chunked GEMM paths.
    void forwardMatchesTheDefinition_data()
    {
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("kernel");
        QTest::addColumn<int>("stride");
        QTest::addColumn<int>("padding");
        QTest::addColumn<int>("samples");
        QTest::newRow("odd same") << 2 << 7 << 5 << 3 << 1 << int(Padding::Same) << 5;
        QTest::newRow("even same stride 2") << 3 << 8 << 6 << 3 << 2 << int(Padding::Same) << 4;
        QTest::newRow("odd valid stride 2 k5") << 1 << 9 << 11 << 5 << 2 << int(Padding::Valid) << 3;
        QTest::newRow("1x1 kernel") << 4 << 4 << 4 << 1 << 1 << int(Padding::Same) << 2;
        QTest::newRow("one sample per GEMM (28x28)") << 1 << 28 << 28 << 3 << 1 << int(Padding::Same) << 3;
        QTest::newRow("kernel wider than a 1x2 map") << 1 << 1 << 2 << 5 << 2 << int(Padding::Same) << 2;
    }
    void forwardMatchesTheDefinition()
    {
        QFETCH(int, channels);
        QFETCH(int, height);
        QFETCH(int, width);
        QFETCH(int, kernel);
        QFETCH(int, stride);
        QFETCH(int, padding);
        QFETCH(int, samples);
        const ImageShape in{channels, height, width};
        Conv2DLayer layer(in, 3, kernel, stride, static_cast<Padding>(padding), Activation::Identity, 0.0f,
                          WeightInit::He);
        const ImageShape out = layer.outputShape();
        const Eigen::VectorXf p = test::randomMatrix(layer.parameterCount(), 1, 3);
        const Eigen::MatrixXf x = test::randomMatrix(in.size(), samples, 4);
        layer.reserve(samples);
        Eigen::MatrixXf y(out.size(), samples);
        layer.forward(p.data(), nullptr, ConstMatrixMap(x.data(), x.rows(), samples),
                      MatrixMap(y.data(), y.rows(), samples), true, 0);
        const int padH = std::max((out.height - 1) * stride + kernel - height, 0);
        const int padW = std::max((out.width - 1) * stride + kernel - width, 0);
        const bool same = static_cast<Padding>(padding) == Padding::Same;
        const Eigen::MatrixXf expected =
            directConvolution(in, out, kernel, stride, same ? padH / 2 : 0, same ? padW / 2 : 0, p, x);
        QVERIFY2((y - expected).cwiseAbs().maxCoeff() < 1e-4f,
                 qPrintable(QString("max difference %1").arg((y - expected).cwiseAbs().maxCoeff())));
    }

    void gradientsMatchFiniteDifferences_data()
    {
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("kernel");
        QTest::addColumn<int>("stride");
        QTest::addColumn<int>("padding");
        QTest::addColumn<int>("activation");
        QTest::newRow("odd same tanh") << 5 << 7 << 3 << 1 << int(Padding::Same) << int(Activation::Tanh);
        QTest::newRow("even same stride 2") << 6 << 4 << 3 << 2 << int(Padding::Same) << int(Activation::Identity);
        QTest::newRow("odd valid stride 2") << 7 << 7 << 3 << 2 << int(Padding::Valid) << int(Activation::Sigmoid);
        QTest::newRow("even valid k5 gelu") << 6 << 8 << 5 << 1 << int(Padding::Valid) << int(Activation::GELU);
    }
    void gradientsMatchFiniteDifferences()
    {
        QFETCH(int, height);
        QFETCH(int, width);
        QFETCH(int, kernel);
        QFETCH(int, stride);
        QFETCH(int, padding);
        QFETCH(int, activation);
        Conv2DLayer layer({2, height, width}, 3, kernel, stride, static_cast<Padding>(padding),
                          static_cast<Activation>(activation), 0.0f, WeightInit::Xavier);
        const Eigen::VectorXf p = test::randomMatrix(layer.parameterCount(), 1, 11, 0.5f);
        const Eigen::MatrixXf x = test::randomMatrix(layer.inputSize(), 3, 12);
        const auto e = test::checkLayerGradients(layer, p, {}, x, 1e-2f);
        QVERIFY2(e.parameters < 5e-3, qPrintable(QString("parameter error %1").arg(e.parameters)));
        QVERIFY2(e.input < 5e-3, qPrintable(QString("input error %1").arg(e.input)));
    }

    void weightIsPyTorchLayout()
    {
        Conv2DLayer layer({2, 5, 5}, 4, 3, 1, Padding::Same, Activation::ReLU, 0.0f, WeightInit::He);
        const auto blocks = layer.parameterBlocks();
        QCOMPARE(blocks.size(), size_t(2));
        QCOMPARE(blocks[0].name, std::string("weight"));
        QCOMPARE(blocks[0].rows, Eigen::Index(18));  // C * k * k
        QCOMPARE(blocks[0].cols, Eigen::Index(4));   // filters
        QVERIFY(blocks[0].isWeight);
        QCOMPARE(blocks[1].offset, Eigen::Index(72));
        QCOMPARE(layer.parameterCount(), Eigen::Index(76));
    }

    void badGeometryThrows()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 Conv2DLayer({1, 2, 2}, 4, 3, 1, Padding::Valid, Activation::ReLU, 0.0f, WeightInit::He));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 Conv2DLayer({1, 5, 5}, 4, 2, 1, Padding::Same, Activation::ReLU, 0.0f, WeightInit::He));
    }
};

QTEST_GUILESS_MAIN(tst_Conv2DLayer)
#include "tst_conv2dlayer.moc"
