#include "data/AugmentationSpec.h"

#include <cmath>
#include <sstream>

namespace tw {

namespace {

std::string got(double v)
{
    std::ostringstream s;
    s << ", got " << v;
    return s.str();
}

} // namespace

std::string AugmentationSpec::validationError() const
{
    switch (type) {
    case Type::GaussianNoise:
        if (!(stddev >= 0.0) || !std::isfinite(stddev))
            return "std must be a finite number >= 0" + got(stddev);
        break;
    case Type::Mixup:
        if (!(alpha > 0.0) || !std::isfinite(alpha))
            return "alpha must be a finite number > 0" + got(alpha);
        break;
    case Type::Shift:
        if (pixels < 0)
            return "pixels must be >= 0" + got(pixels);
        break;
    case Type::HorizontalFlip:
        if (!(probability >= 0.0 && probability <= 1.0))
            return "probability must be in [0, 1]" + got(probability);
        break;
    case Type::RandomErasing:
        if (!(probability >= 0.0 && probability <= 1.0))
            return "probability must be in [0, 1]" + got(probability);
        if (!(scaleMin > 0.0 && scaleMin <= 1.0))
            return "scale[0] must be in (0, 1]" + got(scaleMin);
        if (!(scaleMax >= scaleMin && scaleMax <= 1.0)) {
            std::ostringstream s;
            s << "scale[1] must be in [scale[0], 1] = [" << scaleMin << ", 1]" << got(scaleMax);
            return s.str();
        }
        break;
    }
    return {};
}

std::string_view AugmentationSpec::typeName(Type type)
{
    switch (type) {
    case Type::GaussianNoise:
        return "gaussian_noise";
    case Type::Mixup:
        return "mixup";
    case Type::Shift:
        return "shift";
    case Type::HorizontalFlip:
        return "hflip";
    case Type::RandomErasing:
        return "random_erasing";
    }
    return "gaussian_noise";
}

std::optional<AugmentationSpec::Type> AugmentationSpec::typeFromName(std::string_view name)
{
    for (const Type t : {Type::GaussianNoise, Type::Mixup, Type::Shift, Type::HorizontalFlip,
                         Type::RandomErasing})
        if (typeName(t) == name)
            return t;
    return std::nullopt;
}

bool AugmentationSpec::needsImages(Type type)
{
    return type == Type::Shift || type == Type::HorizontalFlip || type == Type::RandomErasing;
}

} // namespace tw
