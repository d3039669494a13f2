#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace tw {

// One augmentation step of a study spec's `dataset.augment` list. Only the fields of its
// type are read; the JSON keys are in the comments.
//   gaussian_noise {"std"}:                 x += N(0, std^2) on every feature.
//   mixup {"alpha"}:                        Zhang et al. 2018, lambda ~ Beta(alpha, alpha)
//                                           per sample, partner drawn by a permutation.
//   shift {"pixels"}:                       random translation by up to `pixels` on each
//                                           axis with zero fill, i.e. zero padding followed
//                                           by a random crop of the original size.
//   hflip {"probability"}:                  mirror left-right, only on datasets whose
//                                           Dataset::allowHorizontalFlip is set.
//   random_erasing {"probability", "scale": [min, max]}: Zhong et al. 2020, one rectangle
//                                           per image whose area is a fraction in `scale`
//                                           of the image, set to 0.
struct AugmentationSpec {
    enum class Type { GaussianNoise, Mixup, Shift, HorizontalFlip, RandomErasing };

    Type type = Type::GaussianNoise;
    double stddev = 0.05;     // "std"
    double alpha = 0.2;       // "alpha"
    int pixels = 4;           // "pixels"
    double probability = 0.5; // "probability"
    double scaleMin = 0.02;   // "scale"[0]
    double scaleMax = 0.33;   // "scale"[1]

    // Empty when the fields of this type are valid, else what is wrong, naming the JSON key
    // ("alpha must be > 0, got 0"); the caller adds where (e.g. "augment[1]").
    std::string validationError() const;

    // "gaussian_noise", "mixup", "shift", "hflip", "random_erasing".
    static std::string_view typeName(Type type);
    static std::optional<Type> typeFromName(std::string_view name);
    // Whether the step needs Dataset::imageShape.
    static bool needsImages(Type type);
};

} // namespace tw
