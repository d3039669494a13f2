#include "data/Augmenter.h"

#include <QtTest>

#include <cmath>
#include <set>

using tw::AugmentSpec;
using tw::AugmentedData;
using tw::Augmenter;
using tw::Dataset;
using Type = tw::AugmentSpec::Type;

namespace {

AugmentSpec step(Type t)
{
    AugmentSpec s;
    s.type = t;
    return s;
}

// n images of shape c x h x w whose pixel values are all distinct and positive, so a moved
// or zeroed pixel is recognisable; labels cycle through `classes` classes.
Dataset images(int n, int c, int h, int w, int classes = 3)
{
    Dataset d;
    d.task = tw::Task::Classification;
    for (int k = 0; k < classes; ++k)
        d.classLabels.push_back(std::to_string(k));
    d.imageShape = tw::ImageShape{c, h, w};
    d.x.resize(n, c * h * w);
    d.y.resize(n);
    for (int r = 0; r < n; ++r) {
        for (int i = 0; i < c * h * w; ++i)
            d.x(r, i) = static_cast<float>(1 + i + r * c * h * w);
        d.y(r) = static_cast<float>(r % classes);
    }
    return d;
}

float pixel(const Dataset& d, Eigen::Index row, int c, int y, int x)
{
    const auto& s = *d.imageShape;
    return d.x(row, (c * s.height + y) * s.width + x);
}

bool identical(const Dataset& a, const Dataset& b)
{
    return a.x == b.x && a.y == b.y;
}

template<typename F>
QString messageOf(F f)
{
    try {
        f();
    } catch (const std::invalid_argument& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class tst_Augmenter : public QObject {
    Q_OBJECT
private slots:
    void sameSeedSameAugmentation()
    {
        Dataset d = images(50, 2, 6, 5);
        d.allowHorizontalFlip = true;
        auto noise = step(Type::GaussianNoise);
        noise.std = 0.5;
        auto shift = step(Type::Shift);
        shift.maxShift = 2;
        const Augmenter a({noise, step(Type::Mixup), shift, step(Type::HorizontalFlip),
                           step(Type::RandomErasing)});
        const AugmentedData one = a.apply(d, 3);
        const AugmentedData two = a.apply(d, 3);
        QVERIFY(identical(one.data, two.data));
        QVERIFY(one.softTargets == two.softTargets);
        // The trainer passes seed + epoch: the next epoch sees different noise.
        QVERIFY(!identical(one.data, a.apply(d, 4).data));
        QVERIFY(one.data.imageShape == d.imageShape);
        QCOMPARE(one.data.rows(), d.rows());
        QCOMPARE(one.data.features(), d.features());
    }

    void noStepsIsACopy()
    {
        const Dataset d = images(4, 1, 3, 3);
        const AugmentedData out = Augmenter().apply(d, 0);
        QVERIFY(identical(out.data, d));
        QCOMPARE(out.softTargets.size(), Eigen::Index(0));
        QVERIFY(Augmenter().isEmpty());
    }

    void gaussianNoiseHasTheRequestedSpread()
    {
        Dataset d;
        d.x.setZero(2000, 10);
        d.y.setZero(2000);
        auto noise = step(Type::GaussianNoise);
        noise.std = 0.3;
        const AugmentedData out = Augmenter({noise}).apply(d, 1);
        const double mean = out.data.x.cast<double>().mean();
        const double sd = std::sqrt(out.data.x.cast<double>().array().square().mean() - mean * mean);
        QVERIFY2(std::abs(mean) < 0.005, qPrintable(QString::number(mean)));
        QVERIFY2(std::abs(sd - 0.3) < 0.005, qPrintable(QString::number(sd)));
        QVERIFY(out.data.y == d.y);
        // Noise needs no images.
        QCOMPARE(out.softTargets.size(), Eigen::Index(0));
    }

    void horizontalFlipMirrorsEachLine()
    {
        Dataset d = images(3, 2, 3, 4);
        d.allowHorizontalFlip = true;
        auto flip = step(Type::HorizontalFlip);
        flip.probability = 1.0;
        const Dataset once = Augmenter({flip}).apply(d, 0).data;
        for (Eigen::Index r = 0; r < d.rows(); ++r)
            for (int c = 0; c < 2; ++c)
                for (int y = 0; y < 3; ++y)
                    for (int x = 0; x < 4; ++x)
                        QCOMPARE(pixel(once, r, c, y, x), pixel(d, r, c, y, 3 - x));
        // Flipping twice gives the original back.
        QVERIFY(identical(Augmenter({flip, flip}).apply(d, 5).data, d));
    }

    void horizontalFlipHonoursItsProbability()
    {
        Dataset d = images(4000, 1, 2, 2);
        d.allowHorizontalFlip = true;
        const Dataset out = Augmenter({step(Type::HorizontalFlip)}).apply(d, 2).data;
        int flipped = 0;
        for (Eigen::Index r = 0; r < d.rows(); ++r)
            flipped += out.x(r, 0) != d.x(r, 0);
        QVERIFY2(std::abs(flipped - 2000) < 5 * std::sqrt(1000.0), qPrintable(QString::number(flipped)));
    }

    void horizontalFlipIsSkippedWhereNotAllowed()
    {
        const Dataset d = images(10, 1, 4, 4); // allowHorizontalFlip is false (digits)
        auto flip = step(Type::HorizontalFlip);
        flip.probability = 1.0;
        const Augmenter a({flip});
        QVERIFY(identical(a.apply(d, 0).data, d));
        const auto warnings = a.warnings(d);
        QCOMPARE(warnings.size(), std::size_t(1));
        QVERIFY(QString::fromStdString(warnings[0]).startsWith("augment[0] (horizontal_flip) skipped"));
        Dataset allowed = d;
        allowed.allowHorizontalFlip = true;
        QVERIFY(a.warnings(allowed).empty());
        // The trainer augments the split it took with subset(): the permission goes along.
        QVERIFY(allowed.subset({1, 2}).allowHorizontalFlip);
        QVERIFY(!identical(a.apply(allowed.subset({1, 2}), 0).data, allowed.subset({1, 2})));
    }

    void shiftTranslatesWithZeroFill()
    {
        const int p = 2;
        const Dataset d = images(300, 2, 7, 6);
        auto shift = step(Type::Shift);
        shift.maxShift = p;
        const Dataset out = Augmenter({shift}).apply(d, 9).data;
        std::set<std::pair<int, int>> offsets;
        for (Eigen::Index r = 0; r < d.rows(); ++r) {
            // Exactly one offset in [-p, p]^2 explains the whole image.
            int matches = 0;
            for (int dy = -p; dy <= p; ++dy)
                for (int dx = -p; dx <= p; ++dx) {
                    bool ok = true;
                    for (int c = 0; c < 2 && ok; ++c)
                        for (int y = 0; y < 7 && ok; ++y)
                            for (int x = 0; x < 6 && ok; ++x) {
                                const int fy = y - dy, fx = x - dx;
                                const bool inside = fy >= 0 && fy < 7 && fx >= 0 && fx < 6;
                                ok = pixel(out, r, c, y, x) == (inside ? pixel(d, r, c, fy, fx) : 0.0f);
                            }
                    if (ok) {
                        ++matches;
                        offsets.insert({dy, dx});
                    }
                }
            QCOMPARE(matches, 1);
        }
        // All 25 offsets occur among 300 images.
        QCOMPARE(offsets.size(), std::size_t(25));
        // crop by `padding` is the same translation, drawn from the same stream.
        auto crop = step(Type::Crop);
        crop.padding = p;
        QVERIFY(identical(Augmenter({crop}).apply(d, 9).data, out));
    }

    void randomErasingStaysInItsAreaRange()
    {
        Dataset d = images(500, 3, 16, 16);
        d.x.setOnes();
        auto erase = step(Type::RandomErasing);
        erase.probability = 1.0;
        erase.maxArea = 0.3;
        const Dataset out = Augmenter({erase}).apply(d, 4).data;
        double meanFraction = 0.0;
        int erasedImages = 0;
        for (Eigen::Index r = 0; r < out.rows(); ++r) {
            int zeros = 0, top = 16, bottom = -1, left = 16, right = -1;
            for (int y = 0; y < 16; ++y)
                for (int x = 0; x < 16; ++x) {
                    const float v = pixel(out, r, 0, y, x);
                    // Every channel is erased over the same rectangle.
                    QCOMPARE(pixel(out, r, 1, y, x), v);
                    QCOMPARE(pixel(out, r, 2, y, x), v);
                    if (v == 0.0f) {
                        ++zeros;
                        top = std::min(top, y);
                        bottom = std::max(bottom, y);
                        left = std::min(left, x);
                        right = std::max(right, x);
                    }
                }
            if (zeros == 0)
                continue; // ten draws that did not fit: left unchanged, as in the paper
            ++erasedImages;
            QCOMPARE(zeros, (bottom - top + 1) * (right - left + 1)); // a filled rectangle
            const double fraction = zeros / 256.0;
            QVERIFY2(fraction >= tw::AugmentSpec::kMinArea && fraction <= 0.3,
                     qPrintable(QString::number(fraction)));
            meanFraction += fraction;
        }
        QVERIFY(erasedImages > 480);
        meanFraction /= erasedImages;
        // Uniform in [kMinArea, max_area] = [0.02, 0.3]: a mean near 0.16.
        QVERIFY2(meanFraction > 0.13 && meanFraction < 0.19, qPrintable(QString::number(meanFraction)));

        erase.probability = 0.0;
        QVERIFY(identical(Augmenter({erase}).apply(d, 4).data, d));
        erase.probability = 0.5;
        const Dataset half = Augmenter({erase}).apply(d, 4).data;
        int touched = 0;
        for (Eigen::Index r = 0; r < half.rows(); ++r)
            touched += (half.x.row(r).array() == 0.0f).any();
        QVERIFY2(std::abs(touched - 250) < 5 * std::sqrt(125.0), qPrintable(QString::number(touched)));
    }

    void mixupGivesSoftTargets()
    {
        // Features are the one-hot label, so mixed features must equal the soft targets.
        const int n = 400, k = 4;
        Dataset d;
        d.task = tw::Task::Classification;
        d.classLabels = {"a", "b", "c", "d"};
        d.x.setZero(n, k);
        d.y.resize(n);
        for (int r = 0; r < n; ++r) {
            d.y(r) = static_cast<float>(r % k);
            d.x(r, r % k) = 1.0f;
        }
        auto mix = step(Type::Mixup);
        mix.alpha = 0.4;
        const AugmentedData out = Augmenter({mix}).apply(d, 8);
        QCOMPARE(out.softTargets.rows(), Eigen::Index(n));
        QCOMPARE(out.softTargets.cols(), Eigen::Index(k));
        int mixed = 0;
        for (int r = 0; r < n; ++r) {
            QVERIFY(std::abs(out.softTargets.row(r).sum() - 1.0f) < 1e-5f);
            QVERIFY((out.softTargets.row(r).array() >= 0.0f).all());
            QVERIFY(((out.data.x.row(r) - out.softTargets.row(r)).array().abs() < 1e-6f).all());
            Eigen::Index best = 0;
            out.softTargets.row(r).maxCoeff(&best);
            QCOMPARE(out.data.y(r), static_cast<float>(best));
            mixed += (out.softTargets.row(r).array() < 0.99f).all();
        }
        QVERIFY(mixed > n / 4);
    }

    void mixupMixesRegressionTargets()
    {
        // x equals y, so mixing both with the same lambda and partner keeps them equal.
        Dataset d;
        d.x.resize(300, 1);
        d.y.resize(300);
        for (int r = 0; r < 300; ++r)
            d.x(r, 0) = d.y(r) = static_cast<float>(r);
        const AugmentedData out = Augmenter({step(Type::Mixup)}).apply(d, 1);
        QCOMPARE(out.softTargets.size(), Eigen::Index(0));
        int moved = 0;
        for (int r = 0; r < 300; ++r) {
            QVERIFY(std::abs(out.data.x(r, 0) - out.data.y(r)) < 1e-3f);
            QVERIFY(out.data.y(r) >= 0.0f && out.data.y(r) <= 299.0f);
            moved += std::abs(out.data.y(r) - d.y(r)) > 1.0f;
        }
        QVERIFY(moved > 100);
    }

    void misuseIsExplained()
    {
        AugmentSpec badMix = step(Type::Mixup);
        badMix.alpha = -1;
        QVERIFY(messageOf([&] { Augmenter({step(Type::GaussianNoise), badMix}); })
                    .startsWith("Augmenter::Augmenter(): augment[1] (mixup): alpha must be"));

        Dataset table;
        table.x.setZero(5, 12);
        table.y.setZero(5);
        QVERIFY(messageOf([&] { Augmenter({step(Type::Shift)}).apply(table, 0); })
                    .contains("augment[0] (shift): needs an image dataset, but "
                              "Dataset::imageShape is not set"));
        QVERIFY(messageOf([&] { Augmenter({step(Type::RandomErasing)}).apply(table, 0); })
                    .contains("imageShape"));
        table.imageShape = tw::ImageShape{1, 3, 3};
        QVERIFY(messageOf([&] { Augmenter({step(Type::HorizontalFlip)}).validateFor(table); })
                    .contains("1x3x3 does not match the 12 features"));
        table.imageShape = tw::ImageShape{1, 3, 4};
        auto wide = step(Type::Shift);
        wide.maxShift = 3;
        QVERIFY(messageOf([&] { Augmenter({wide}).apply(table, 0); })
                    .contains("max_shift (3) must be smaller than the 3x4 image"));

        Dataset labels = images(4, 1, 2, 2);
        labels.y(2) = 7.0f;
        QVERIFY(messageOf([&] { Augmenter({step(Type::Mixup)}).apply(labels, 0); })
                    .contains("row 2 has target"));
    }
};

QTEST_GUILESS_MAIN(tst_Augmenter)
#include "tst_augmenter.moc"
