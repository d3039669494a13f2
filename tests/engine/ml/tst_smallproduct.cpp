#include "ml/SmallProduct.h"

#include <QtTest>

using namespace tw;

namespace {

// Relative to the scale of the exact products: |a| |b| bounds every term's size.
float relativeError(const Eigen::MatrixXf& got, const Eigen::MatrixXf& want, const Eigen::MatrixXf& scale)
{
    return ((got - want).array().abs() / (scale.array() + 1e-30f)).maxCoeff();
}

} // namespace

class tst_SmallProduct : public QObject {
    Q_OBJECT
private slots:
    void matchesEigen_data()
    {
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("k");
        QTest::addColumn<int>("n");
        // Odd shapes cover every edge: rows that fill no packet, columns that fill no block
        // of 4, inner dimensions that fill no packet; and the MLP shapes of the benchmarks.
        QTest::newRow("1x1x1") << 1 << 1 << 1;
        QTest::newRow("3x5x7") << 3 << 5 << 7;
        QTest::newRow("17x9x13") << 17 << 9 << 13;
        QTest::newRow("33x31x5") << 33 << 31 << 5;
        QTest::newRow("64x4x120") << 64 << 4 << 120;
        QTest::newRow("3x64x121") << 3 << 64 << 121;
        QTest::newRow("4x64x120") << 4 << 64 << 120;
        QTest::newRow("128x200x64") << 128 << 200 << 64;
        QTest::newRow("10x129x203") << 10 << 129 << 203;
    }
    void matchesEigen()
    {
        QFETCH(int, m);
        QFETCH(int, k);
        QFETCH(int, n);
        std::srand(static_cast<unsigned>(m * 10007 + k * 101 + n));
        const Eigen::MatrixXf a = Eigen::MatrixXf::Random(m, k);
        const Eigen::MatrixXf b = Eigen::MatrixXf::Random(k, n);
        const Eigen::MatrixXf want = a * b;
        const Eigen::MatrixXf scale = a.cwiseAbs() * b.cwiseAbs();

        Eigen::MatrixXf c = Eigen::MatrixXf::Constant(m, n, 99.0f);
        const Eigen::MatrixXf bt = b.transpose();  // n x k
        SmallProduct::multiplyTransposedRight(a.data(), bt.data(), c.data(), m, k, n);
        QVERIFY(relativeError(c, want, scale) < 1e-5f);

        const Eigen::MatrixXf at = a.transpose();  // k x m
        c.setConstant(99.0f);
        SmallProduct::multiplyTransposedLeft(at.data(), b.data(), c.data(), m, k, n);
        QVERIFY(relativeError(c, want, scale) < 1e-5f);
    }

    void fitsSmallShapesOnly()
    {
        QVERIFY(SmallProduct::fits(3, 64, 120));
        QVERIFY(SmallProduct::fits(128, 200, 4));
        QVERIFY(!SmallProduct::fits(256, 784, 200));
        QVERIFY(!SmallProduct::fits(64, 0, 10));
        QVERIFY(!SmallProduct::fits(64, 10, 0));
    }
};

QTEST_APPLESS_MAIN(tst_SmallProduct)
#include "tst_smallproduct.moc"
