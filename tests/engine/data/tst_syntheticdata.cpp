#include "data/SyntheticData.h"

#include <QtTest>

#include <cmath>
#include <numbers>

using tw::Dataset;
using tw::SyntheticData;
using tw::SyntheticOptions;
using tw::Task;

namespace {

SyntheticOptions options(const std::string& kind, int samples = 500, double noise = 0.1)
{
    SyntheticOptions o;
    o.kind = kind;
    o.samples = samples;
    o.noise = noise;
    if (kind == "friedman1")
        o.features = 10;
    return o;
}

bool identical(const Dataset& a, const Dataset& b)
{
    return a.x.rows() == b.x.rows() && a.x.cols() == b.x.cols() && a.x == b.x && a.y == b.y
           && a.classLabels == b.classLabels && a.featureNames == b.featureNames;
}

QString messageOf(const SyntheticOptions& o)
{
    try {
        SyntheticData::generate(o);
    } catch (const std::invalid_argument& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

constexpr double pi = std::numbers::pi;

} // namespace

class tst_SyntheticData : public QObject {
    Q_OBJECT
private slots:
    void kindsAreListed()
    {
        QCOMPARE(SyntheticData::kinds(),
                 (std::vector<std::string>{"moons", "circles", "spirals", "blobs", "xor",
                                           "friedman1", "sine"}));
    }

    void sameSeedSameData_data()
    {
        QTest::addColumn<QString>("kind");
        for (const auto& k : SyntheticData::kinds())
            QTest::newRow(k.c_str()) << QString::fromStdString(k);
    }
    void sameSeedSameData()
    {
        QFETCH(QString, kind);
        auto o = options(kind.toStdString());
        o.seed = 7;
        const Dataset a = SyntheticData::generate(o);
        const Dataset b = SyntheticData::generate(o);
        QVERIFY(identical(a, b));
        o.seed = 8;
        QVERIFY(!identical(a, SyntheticData::generate(o)));
        QVERIFY(a.x.allFinite() && a.y.allFinite());
        QCOMPARE(a.rows(), Eigen::Index(500));
        QCOMPARE(a.featureNames.size(), static_cast<std::size_t>(a.features()));
    }

    void classificationShapes()
    {
        const Dataset moons = SyntheticData::generate(options("moons", 501));
        QCOMPARE(moons.task, Task::Classification);
        QCOMPARE(moons.features(), Eigen::Index(2));
        QCOMPARE(moons.classLabels, (std::vector<std::string>{"0", "1"}));
        QCOMPARE(moons.classCounts(), (std::vector<Eigen::Index>{251, 250}));
        QCOMPARE(moons.featureNames, (std::vector<std::string>{"x0", "x1"}));

        auto o = options("spirals", 502);
        o.classes = 4;
        const Dataset spirals = SyntheticData::generate(o);
        QCOMPARE(spirals.classLabels, (std::vector<std::string>{"0", "1", "2", "3"}));
        QCOMPARE(spirals.classCounts(), (std::vector<Eigen::Index>{126, 126, 125, 125}));

        o = options("blobs", 300);
        o.classes = 3;
        o.features = 5;
        const Dataset blobs = SyntheticData::generate(o);
        QCOMPARE(blobs.features(), Eigen::Index(5));
        QCOMPARE(blobs.classCounts(), (std::vector<Eigen::Index>{100, 100, 100}));

        QCOMPARE(SyntheticData::generate(options("circles")).classCount(), 2);
        QCOMPARE(SyntheticData::generate(options("xor")).classCount(), 2);
        // Rows are shuffled: the first 50 rows of moons are not all one class.
        const auto first = moons.subset({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15});
        QVERIFY(first.classCounts()[0] > 0 && first.classCounts()[1] > 0);
    }

    void regressionShapes()
    {
        const Dataset f = SyntheticData::generate(options("friedman1"));
        QCOMPARE(f.task, Task::Regression);
        QCOMPARE(f.features(), Eigen::Index(10));
        QVERIFY(f.classLabels.empty());
        QCOMPARE(f.targetName, std::string("y"));
        const Dataset s = SyntheticData::generate(options("sine"));
        QCOMPARE(s.task, Task::Regression);
        QCOMPARE(s.features(), Eigen::Index(1));
    }

    void moonsLieOnTheirHalfCircles()
    {
        const Dataset d = SyntheticData::generate(options("moons", 200, 0.0));
        for (Eigen::Index r = 0; r < d.rows(); ++r) {
            const double x = d.x(r, 0), y = d.x(r, 1);
            if (d.y(r) == 0.0f) {
                QVERIFY(std::abs(x * x + y * y - 1.0) < 1e-5);
                QVERIFY(y >= -1e-6);
            } else {
                QVERIFY(std::abs((x - 1) * (x - 1) + (y - 0.5) * (y - 0.5) - 1.0) < 1e-5);
                QVERIFY(y <= 0.5 + 1e-6);
            }
        }
    }

    void circlesHaveTheirRadii()
    {
        auto o = options("circles", 300, 0.0);
        o.factor = 0.3;
        const Dataset d = SyntheticData::generate(o);
        for (Eigen::Index r = 0; r < d.rows(); ++r) {
            const double radius = std::hypot(d.x(r, 0), d.x(r, 1));
            QVERIFY(std::abs(radius - (d.y(r) == 0.0f ? 1.0 : 0.3)) < 1e-5);
        }
        // Noise spreads the radii around the same circles.
        o.noise = 0.05;
        const Dataset noisy = SyntheticData::generate(o);
        double spread = 0.0;
        for (Eigen::Index r = 0; r < noisy.rows(); ++r)
            spread += std::abs(std::hypot(noisy.x(r, 0), noisy.x(r, 1))
                               - (noisy.y(r) == 0.0f ? 1.0 : 0.3));
        QVERIFY(spread / noisy.rows() > 0.01 && spread / noisy.rows() < 0.1);
    }

    void spiralArmsFollowTheirAngle()
    {
        auto o = options("spirals", 300, 0.0);
        o.classes = 3;
        const Dataset d = SyntheticData::generate(o);
        for (Eigen::Index r = 0; r < d.rows(); ++r) {
            const double radius = std::hypot(d.x(r, 0), d.x(r, 1));
            QVERIFY(radius <= 1.0 + 1e-6);
            if (radius < 0.05)
                continue;
            const double expected = 3.0 * pi * radius + 2.0 * pi * d.y(r) / 3.0;
            const double actual = std::atan2(d.x(r, 1), d.x(r, 0));
            const double diff = std::remainder(actual - expected, 2.0 * pi);
            QVERIFY2(std::abs(diff) < 1e-3, qPrintable(QString::number(diff)));
        }
    }

    void blobsClusterAroundCenters()
    {
        auto o = options("blobs", 3000, 0.0);
        o.classes = 3;
        o.features = 4;
        Dataset d = SyntheticData::generate(o);
        // Without noise every row of a class is its center, inside [-1, 1]^4.
        std::vector<Eigen::Index> firstOf(3, -1);
        for (Eigen::Index r = 0; r < d.rows(); ++r) {
            auto& f = firstOf[static_cast<std::size_t>(d.y(r))];
            if (f < 0)
                f = r;
            QVERIFY(d.x.row(r) == d.x.row(f));
            QVERIFY((d.x.row(r).array().abs() <= 1.0f).all());
        }
        o.noise = 0.2;
        const Dataset noisy = SyntheticData::generate(o);
        // The same seed draws the same centers, so noisy - center is pure noise.
        double squares = 0.0;
        for (Eigen::Index r = 0; r < noisy.rows(); ++r)
            squares += (noisy.x.row(r) - d.x.row(firstOf[static_cast<std::size_t>(noisy.y(r))]))
                           .squaredNorm();
        const double sd = std::sqrt(squares / (noisy.rows() * 4.0));
        QVERIFY2(std::abs(sd - 0.2) < 0.01, qPrintable(QString::number(sd)));
    }

    void xorLabelsFollowTheQuadrant()
    {
        const Dataset d = SyntheticData::generate(options("xor", 1000, 0.0));
        for (Eigen::Index r = 0; r < d.rows(); ++r) {
            QVERIFY((d.x.row(r).array().abs() <= 1.0f).all());
            const bool differ = (d.x(r, 0) > 0) != (d.x(r, 1) > 0);
            QCOMPARE(d.y(r), differ ? 1.0f : 0.0f);
        }
        const auto counts = d.classCounts();
        QVERIFY(counts[0] > 400 && counts[1] > 400);
    }

    void friedman1MatchesTheFormula()
    {
        const Dataset d = SyntheticData::generate(options("friedman1", 1000, 0.0));
        for (Eigen::Index r = 0; r < d.rows(); ++r) {
            const auto x = d.x.row(r).cast<double>();
            QVERIFY(x.minCoeff() >= 0.0 && x.maxCoeff() < 1.0);
            const double y = 10 * std::sin(pi * x(0) * x(1)) + 20 * (x(2) - 0.5) * (x(2) - 0.5)
                             + 10 * x(3) + 5 * x(4);
            QVERIFY(std::abs(d.y(r) - y) < 1e-5 * std::max(1.0, std::abs(y)));
        }
        // With noise, the residual has the requested standard deviation.
        const Dataset noisy = SyntheticData::generate(options("friedman1", 5000, 1.0));
        double squares = 0.0;
        for (Eigen::Index r = 0; r < noisy.rows(); ++r) {
            const auto x = noisy.x.row(r).cast<double>();
            const double y = 10 * std::sin(pi * x(0) * x(1)) + 20 * (x(2) - 0.5) * (x(2) - 0.5)
                             + 10 * x(3) + 5 * x(4);
            squares += (noisy.y(r) - y) * (noisy.y(r) - y);
        }
        QVERIFY(std::abs(std::sqrt(squares / noisy.rows()) - 1.0) < 0.05);
    }

    void sineMatchesTheFormula()
    {
        const Dataset d = SyntheticData::generate(options("sine", 500, 0.0));
        for (Eigen::Index r = 0; r < d.rows(); ++r) {
            QVERIFY(d.x(r, 0) >= -pi - 1e-6 && d.x(r, 0) <= pi + 1e-6);
            QVERIFY(std::abs(d.y(r) - std::sin(static_cast<double>(d.x(r, 0)))) < 1e-6);
        }
    }

    void badOptionsAreExplained()
    {
        const QString unknown = messageOf(options("swirl"));
        QVERIFY2(unknown.startsWith("SyntheticData::generate(): unknown kind 'swirl'; expected one "
                                    "of moons, circles, spirals, blobs, xor, friedman1, sine"),
                 qPrintable(unknown));

        auto o = options("friedman1");
        o.features = 2;
        QVERIFY(messageOf(o).contains("friedman1: features must be in [5,"));
        o = options("moons");
        o.noise = -0.1;
        QVERIFY(messageOf(o).contains("noise must be a finite number >= 0"));
        o.noise = std::nan("");
        QVERIFY(messageOf(o).contains("noise"));
        o = options("moons", 1);
        QVERIFY(messageOf(o).contains("samples must be in [2,"));
        o = options("blobs");
        o.classes = 1;
        QVERIFY(messageOf(o).contains("classes must be >= 2"));
        o = options("spirals", 3);
        o.classes = 4;
        QVERIFY(messageOf(o).contains("must not exceed samples"));
        o = options("circles");
        o.factor = 1.0;
        QVERIFY(messageOf(o).contains("factor must be in (0, 1)"));
        o = options("blobs", 10'000'000);
        o.features = 1000;
        QVERIFY(messageOf(o).contains("samples x features"));
        // Fields a kind does not read are not checked.
        o = options("moons");
        o.classes = 0;
        o.features = 0;
        QCOMPARE(messageOf(o), QString());
    }
};

QTEST_GUILESS_MAIN(tst_SyntheticData)
#include "tst_syntheticdata.moc"
