// #18: one augmentation vocabulary, the spec's keys, in one struct; messages quote them.
#include "data/AugmentSpec.h"

#include <QtTest>

#include <cmath>

using tw::AugmentSpec;
using Type = tw::AugmentSpec::Type;

namespace {

AugmentSpec spec(Type t)
{
    AugmentSpec s;
    s.type = t;
    return s;
}

QString errorOf(const AugmentSpec& s)
{
    return QString::fromStdString(s.validationError());
}

} // namespace

class tst_AugmentSpec : public QObject {
    Q_OBJECT
private slots:
    void namesAreTheSpecsTypes()
    {
        const std::vector<std::pair<Type, std::string_view>> names{
            {Type::GaussianNoise, "gaussian_noise"}, {Type::Mixup, "mixup"},
            {Type::Shift, "shift"}, {Type::Crop, "crop"},
            {Type::HorizontalFlip, "horizontal_flip"}, {Type::RandomErasing, "random_erasing"}};
        for (const auto& [type, name] : names) {
            QCOMPARE(AugmentSpec::typeName(type), name);
            QCOMPARE(AugmentSpec::typeFromName(name), std::optional<Type>(type));
        }
        QVERIFY(!AugmentSpec::typeFromName("hflip").has_value());
        QVERIFY(!AugmentSpec::typeFromName("noise").has_value());
        for (Type t : {Type::Shift, Type::Crop, Type::HorizontalFlip, Type::RandomErasing})
            QVERIFY(AugmentSpec::needsImages(t));
        QVERIFY(!AugmentSpec::needsImages(Type::GaussianNoise));
        QVERIFY(!AugmentSpec::needsImages(Type::Mixup));
    }

    // The defaults are docs/study-spec.md's.
    void defaultsAreTheSpecsAndValid()
    {
        const AugmentSpec d;
        QCOMPARE(d.std, 0.05);
        QCOMPARE(d.alpha, 0.2);
        QCOMPARE(d.maxShift, 2);
        QCOMPARE(d.padding, 4);
        QCOMPARE(d.probability, 0.5);
        QCOMPARE(d.maxArea, 0.2);
        for (Type t : {Type::GaussianNoise, Type::Mixup, Type::Shift, Type::Crop,
                       Type::HorizontalFlip, Type::RandomErasing})
            QCOMPARE(errorOf(spec(t)), QString());
    }

    void invalidFieldsQuoteTheSpecKeys()
    {
        auto s = spec(Type::GaussianNoise);
        s.std = -1;
        QCOMPARE(errorOf(s), QString("std must be a finite number > 0, got -1"));
        s.std = std::numeric_limits<double>::infinity();
        QVERIFY(errorOf(s).startsWith("std must be"));
        s = spec(Type::Mixup);
        s.alpha = 0;
        QCOMPARE(errorOf(s), QString("alpha must be a finite number > 0, got 0"));
        s = spec(Type::Shift);
        s.maxShift = 0;
        QCOMPARE(errorOf(s), QString("max_shift must be an integer >= 1, got 0"));
        s = spec(Type::Crop);
        s.padding = -2;
        QCOMPARE(errorOf(s), QString("padding must be an integer >= 1, got -2"));
        s = spec(Type::HorizontalFlip);
        s.probability = 1.5;
        QCOMPARE(errorOf(s), QString("probability must be in [0, 1], got 1.5"));
        s = spec(Type::RandomErasing);
        s.maxArea = 0;
        QCOMPARE(errorOf(s), QString("max_area must be in (0, 1], got 0"));
        // Fields of other types are not read.
        s = spec(Type::Mixup);
        s.maxShift = -5;
        s.std = -5;
        QCOMPARE(errorOf(s), QString());
    }

    void derivedRanges()
    {
        auto erase = spec(Type::RandomErasing);
        QCOMPARE(erase.minArea(), AugmentSpec::kMinArea);
        erase.maxArea = 0.01;
        QCOMPARE(erase.minArea(), 0.01);
        auto crop = spec(Type::Crop);
        crop.padding = 3;
        crop.maxShift = 1;
        QCOMPARE(crop.shiftPixels(), 3);
        crop.type = Type::Shift;
        QCOMPARE(crop.shiftPixels(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_AugmentSpec)
#include "tst_augmentspec.moc"
