#include "data/AugmentationSpec.h"

#include <QtTest>

#include <cmath>

using tw::AugmentationSpec;
using Type = tw::AugmentationSpec::Type;

namespace {

AugmentationSpec spec(Type t)
{
    AugmentationSpec s;
    s.type = t;
    return s;
}

QString errorOf(const AugmentationSpec& s)
{
    return QString::fromStdString(s.validationError());
}

} // namespace

class tst_AugmentationSpec : public QObject {
    Q_OBJECT
private slots:
    void namesRoundTrip()
    {
        const std::vector<std::pair<Type, std::string_view>> names{
            {Type::GaussianNoise, "gaussian_noise"}, {Type::Mixup, "mixup"},
            {Type::Shift, "shift"}, {Type::HorizontalFlip, "hflip"},
            {Type::RandomErasing, "random_erasing"}};
        for (const auto& [type, name] : names) {
            QCOMPARE(AugmentationSpec::typeName(type), name);
            QCOMPARE(AugmentationSpec::typeFromName(name), std::optional<Type>(type));
        }
        QVERIFY(!AugmentationSpec::typeFromName("noise").has_value());
        QVERIFY(AugmentationSpec::needsImages(Type::Shift));
        QVERIFY(AugmentationSpec::needsImages(Type::HorizontalFlip));
        QVERIFY(AugmentationSpec::needsImages(Type::RandomErasing));
        QVERIFY(!AugmentationSpec::needsImages(Type::GaussianNoise));
        QVERIFY(!AugmentationSpec::needsImages(Type::Mixup));
    }

    void defaultsAreValid()
    {
        for (Type t : {Type::GaussianNoise, Type::Mixup, Type::Shift, Type::HorizontalFlip,
                       Type::RandomErasing})
            QCOMPARE(errorOf(spec(t)), QString());
    }

    void invalidFieldsAreNamed()
    {
        auto s = spec(Type::GaussianNoise);
        s.stddev = -1;
        QCOMPARE(errorOf(s), QString("std must be a finite number >= 0, got -1"));
        s.stddev = std::numeric_limits<double>::infinity();
        QVERIFY(errorOf(s).startsWith("std must be"));
        s = spec(Type::Mixup);
        s.alpha = 0;
        QCOMPARE(errorOf(s), QString("alpha must be a finite number > 0, got 0"));
        s = spec(Type::Shift);
        s.pixels = -2;
        QCOMPARE(errorOf(s), QString("pixels must be >= 0, got -2"));
        s = spec(Type::HorizontalFlip);
        s.probability = 1.5;
        QCOMPARE(errorOf(s), QString("probability must be in [0, 1], got 1.5"));
        s = spec(Type::RandomErasing);
        s.scaleMin = 0;
        QCOMPARE(errorOf(s), QString("scale[0] must be in (0, 1], got 0"));
        s.scaleMin = 0.4;
        s.scaleMax = 0.3;
        QCOMPARE(errorOf(s), QString("scale[1] must be in [scale[0], 1] = [0.4, 1], got 0.3"));
        // Fields of other types are not read.
        s = spec(Type::Mixup);
        s.pixels = -5;
        s.stddev = -5;
        QCOMPARE(errorOf(s), QString());
    }
};

QTEST_GUILESS_MAIN(tst_AugmentationSpec)
#include "tst_augmentationspec.moc"
