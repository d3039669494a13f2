#include "samplers/TrustRegion.h"

#include <QtTest>

#include <cmath>

using tw::TrustRegion;
using Steps = std::vector<TrustRegion::Step>;

class tst_TrustRegion : public QObject {
    Q_OBJECT
private slots:
    void startsAtItsInitialSide()
    {
        QCOMPARE(TrustRegion::side({}), TrustRegion::kInitialSide);
        QCOMPARE(TrustRegion::side({{5.0, false}, {4.0, false}, {3.0, false}}), TrustRegion::kInitialSide);
    }
    void doublesAfterThreeSuccessesUpToItsMaximum()
    {
        Steps h{{10.0, false}};
        for (double v : {9.0, 8.0})
            h.push_back({v, true});
        QCOMPARE(TrustRegion::side(h), 0.8);
        h.push_back({7.0, true});
        QCOMPARE(TrustRegion::side(h), 1.6);
        for (double v : {6.0, 5.0, 4.0})
            h.push_back({v, true});
        QCOMPARE(TrustRegion::side(h), TrustRegion::kMaxSide);
    }
    void halvesAfterFourFailuresInARow()
    {
        // Three failures in a row do not halve it, four do; a success resets the count.
        Steps h{{1.0, false}};
        for (int i = 0; i < 3; ++i)
            h.push_back({2.0, true});
        QCOMPARE(TrustRegion::side(h), 0.8);
        h.push_back({0.5, true});
        for (int i = 0; i < 3; ++i)
            h.push_back({2.0, true});
        QCOMPARE(TrustRegion::side(h), 0.8);
        h.push_back({2.0, true});
        QCOMPARE(TrustRegion::side(h), 0.4);
    }
    void aTinyImprovementIsAFailureAndAGlobalTrialMovesNothing()
    {
        // Better by less than 1e-3 of the best is no success; a non-local trial that improves
        // moves the best but not the counters.
        Steps h{{100.0, false}, {99.95, true}, {99.9, true}, {99.85, true}, {50.0, false}, {99.0, true}};
        QCOMPARE(TrustRegion::side(h), 0.4);
    }
    void restartsBelowItsMinimum()
    {
        Steps h{{0.0, false}};
        int halvings = 0;
        double side = TrustRegion::kInitialSide;
        while (side >= TrustRegion::kMinSide) {
            for (int i = 0; i < 4; ++i)
                h.push_back({1.0, true});
            side /= 2;
            ++halvings;
            if (side >= TrustRegion::kMinSide)
                QCOMPARE(TrustRegion::side(h), side);
        }
        QCOMPARE(halvings, 7);  // 0.8 / 2^7 = 0.00625 < 1/128
        QCOMPARE(TrustRegion::side(h), TrustRegion::kInitialSide);
    }
    void theBoxIsACubeAroundTheCenterClippedToTheUnitCube()
    {
        // Coordinates 0 and 2 are numeric; coordinate 1 (say one-hot) is not part of the box.
        Eigen::VectorXd center(3);
        center << 0.5, 1.0, 0.95;
        Eigen::VectorXd lo, hi;
        TrustRegion::box(center, {0, 2}, 0.4, lo, hi);
        QCOMPARE(lo.size(), Eigen::Index(2));
        QVERIFY(std::abs(lo[0] - 0.3) < 1e-12 && std::abs(hi[0] - 0.7) < 1e-12);
        QVERIFY(std::abs(lo[1] - 0.75) < 1e-12);
        QCOMPARE(hi[1], 1.0);  // clipped
    }
};

QTEST_GUILESS_MAIN(tst_TrustRegion)
#include "tst_trustregion.moc"
