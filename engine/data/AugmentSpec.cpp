#include "data/AugmentSpec.h"

#include <algorithm>
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

constexpr AugmentSpec::Type kTypes[] = {
    AugmentSpec::Type::GaussianNoise,  AugmentSpec::Type::Mixup, AugmentSpec::Type::Shift,
    AugmentSpec::Type::Crop,           AugmentSpec::Type::HorizontalFlip,
    AugmentSpec::Type::RandomErasing};

} // namespace

std::string AugmentSpec::validationError() const
{
    switch (type) {
    case Type::GaussianNoise:
        if (!(std > 0.0) || !std::isfinite(std))
            return "std must be a finite number > 0" + got(std);
        break;
    case Type::Mixup:
        if (!(alpha > 0.0) || !std::isfinite(alpha))
            return "alpha must be a finite number > 0" + got(alpha);
        break;
    case Type::Shift:
        if (maxShift < 1)
            return "max_shift must be an integer >= 1" + got(maxShift);
        break;
    case Type::Crop:
        if (padding < 1)
            return "padding must be an integer >= 1" + got(padding);
        break;
    case Type::HorizontalFlip:
        if (!(probability >= 0.0 && probability <= 1.0))
            return "probability must be in [0, 1]" + got(probability);
        break;
    case Type::RandomErasing:
        if (!(probability >= 0.0 && probability <= 1.0))
            return "probability must be in [0, 1]" + got(probability);
        if (!(maxArea > 0.0 && maxArea <= 1.0))
            return "max_area must be in (0, 1]" + got(maxArea);
        break;
    }
    return {};
}

double AugmentSpec::minArea() const
{
    return std::min(kMinArea, maxArea);
}

std::string_view AugmentSpec::typeName(Type type)
{
    switch (type) {
    case Type::GaussianNoise:
        return "gaussian_noise";
    case Type::Mixup:
        return "mixup";
    case Type::Shift:
        return "shift";
    case Type::Crop:
        return "crop";
    case Type::HorizontalFlip:
        return "horizontal_flip";
    case Type::RandomErasing:
        return "random_erasing";
    }
    return "gaussian_noise";
}

std::optional<AugmentSpec::Type> AugmentSpec::typeFromName(std::string_view name)
{
    for (const Type t : kTypes)
        if (typeName(t) == name)
            return t;
    return std::nullopt;
}

bool AugmentSpec::needsImages(Type type)
{
    return type != Type::GaussianNoise && type != Type::Mixup;
}

} // namespace tw
