#include "optim/GradientClipping.h"

#include <QtTest>

using namespace tw;

class tst_GradientClipping : public QObject {
    Q_OBJECT
private slots:
    void clipsToTheNormKeepingTheDirection()
    {
        Eigen::VectorXf g(2);
        g << 3.0f, 4.0f;  // norm 5
        const double norm = GradientClipping::clipByGlobalNorm(g, 1.0f);
        QCOMPARE(norm, 5.0);
        QVERIFY(std::abs(g.norm() - 1.0f) < 1e-5f);
        QVERIFY(std::abs(g(0) / g(1) - 0.75f) < 1e-6f);
    }

    void leavesSmallGradientsAlone()
    {
        Eigen::VectorXf g(2);
        g << 0.3f, 0.4f;
        GradientClipping::clipByGlobalNorm(g, 1.0f);
        QCOMPARE(g(0), 0.3f);
        QCOMPARE(GradientClipping::scaleFor(10.0, 0.0f), 1.0f);  // 0 = off
        QCOMPARE(GradientClipping::scaleFor(std::nan(""), 1.0f), 1.0f);
    }
};

QTEST_GUILESS_MAIN(tst_GradientClipping)
#include "tst_gradientclipping.moc"
