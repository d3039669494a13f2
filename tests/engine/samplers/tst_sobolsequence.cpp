#include "samplers/SobolSequence.h"

#include <QtTest>

#include <cmath>
#include <set>

using tw::SobolSequence;

namespace {

// Every aligned block of 2^m points puts exactly one point in each interval
// [k / 2^m, (k + 1) / 2^m) of every coordinate.
bool stratifiesEachCoordinate(const SobolSequence& s, std::uint64_t first, int m)
{
    const std::uint64_t count = std::uint64_t{1} << m;
    std::vector<std::vector<int>> hits(s.dimensions(), std::vector<int>(count, 0));
    std::vector<double> p(s.dimensions());
    for (std::uint64_t i = first; i < first + count; ++i) {
        s.point(i, p.data());
        for (int d = 0; d < s.dimensions(); ++d) {
            if (!(p[d] >= 0.0 && p[d] < 1.0))
                return false;
            ++hits[d][static_cast<std::size_t>(p[d] * count)];
        }
    }
    for (const auto& h : hits)
        for (int c : h)
            if (c != 1)
                return false;
    return true;
}

// The (0, m, 2)-net property of the first two coordinates: every elementary box
// [a / 2^i, (a+1) / 2^i) x [b / 2^(m-i), (b+1) / 2^(m-i)) holds exactly one point.
bool isZeroNet2D(const SobolSequence& s, int m)
{
    const int count = 1 << m;
    std::vector<std::vector<double>> pts;
    for (int i = 0; i < count; ++i)
        pts.push_back(s.point(i));
    for (int i = 0; i <= m; ++i) {
        const int nx = 1 << i, ny = 1 << (m - i);
        std::vector<int> boxes(count, 0);
        for (const auto& p : pts)
            ++boxes[static_cast<int>(p[0] * nx) * ny + static_cast<int>(p[1] * ny)];
        for (int c : boxes)
            if (c != 1)
                return false;
    }
    return true;
}

} // namespace

class tst_SobolSequence : public QObject {
    Q_OBJECT
private slots:
    void firstPointsMatchTheReference()
    {
        // Unscrambled, Gray-code order: dimension 1 is van der Corput (0, 1/2, 3/4, 1/4...),
        // as SciPy's qmc.Sobol(d=3, scramble=False) prints them.
        const double expected[8][3] = {
            {0, 0, 0},           {0.5, 0.5, 0.5},     {0.75, 0.25, 0.25}, {0.25, 0.75, 0.75},
            {0.375, 0.375, 0.625}, {0.875, 0.875, 0.125}, {0.625, 0.125, 0.875},
            {0.125, 0.625, 0.375}};
        const SobolSequence s(3, false);
        for (int i = 0; i < 8; ++i) {
            const auto p = s.point(i);
            for (int d = 0; d < 3; ++d)
                QCOMPARE(p[d], expected[i][d]);
        }
    }
    void directionNumbersMakeNetsInEveryDimension()
    {
        const SobolSequence plain(SobolSequence::kMaxDimensions, false);
        for (int m = 1; m <= 10; ++m)
            QVERIFY2(stratifiesEachCoordinate(plain, 0, m), qPrintable(QString("m = %1").arg(m)));
        QVERIFY(stratifiesEachCoordinate(plain, 1024, 8));  // any aligned block
        QVERIFY(isZeroNet2D(plain, 10));
    }
    void scramblingKeepsTheNetStructure()
    {
        for (std::uint64_t seed : {0ULL, 1ULL, 42ULL}) {
            const SobolSequence s(SobolSequence::kMaxDimensions, true, seed);
            for (int m = 1; m <= 10; ++m)
                QVERIFY(stratifiesEachCoordinate(s, 0, m));
            QVERIFY(isZeroNet2D(SobolSequence(2, true, seed), 10));
        }
    }
    void scramblingIsSeeded()
    {
        const SobolSequence a(5, true, 7), b(5, true, 7), c(5, true, 8);
        QCOMPARE(a.point(123), b.point(123));
        QVERIFY(a.point(123) != c.point(123));
        // The first point is no longer the origin, and points are distinct.
        std::set<std::vector<double>> seen;
        for (int i = 0; i < 256; ++i)
            QVERIFY(seen.insert(a.point(i)).second);
        QVERIFY(a.point(0)[0] != 0.0);
        // A prefix of dimensions does not depend on how many dimensions are asked for.
        const SobolSequence wide(12, true, 7);
        for (int i = 0; i < 16; ++i)
            for (int d = 0; d < 5; ++d)
                QCOMPARE(wide.point(i)[d], a.point(i)[d]);
    }
    void randomAccessIsLarge()
    {
        const SobolSequence s(4, true, 3);
        const auto p = s.point((std::uint64_t{1} << 52) - 1);
        for (double v : p)
            QVERIFY(v >= 0.0 && v < 1.0);
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, s.point(std::uint64_t{1} << 52));
    }
    void rejectsBadDimensions()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, SobolSequence(0, true));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 SobolSequence(SobolSequence::kMaxDimensions + 1, true));
    }
};

QTEST_GUILESS_MAIN(tst_SobolSequence)
#include "tst_sobolsequence.moc"
