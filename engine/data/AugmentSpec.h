#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace tw {

// One entry of a study spec's `objective.dataset.augment` list, in the spec's own keys
// (docs/study-spec.md, the documented contract), applied by Augmenter to the training split
// only. Only the fields of its type are read; the others keep their defaults, which are the
// spec's defaults.
//   gaussian_noise {"std"}:         x += N(0, std^2) on every feature.
//   mixup {"alpha"}:                Zhang et al. 2018, lambda ~ Beta(alpha, alpha) per sample,
//                                   partner drawn by a permutation.
//   shift {"max_shift"} (images):   random translation by up to max_shift pixels on each axis
//                                   with zero fill.
//   crop {"padding"} (images):      zero padding by `padding` pixels, then a random crop back
//                                   to size: the same translation, by up to `padding`.
//   horizontal_flip {"probability"} (images): mirror left-right, only on datasets whose
//                                   Dataset::allowHorizontalFlip is set.
//   random_erasing {"probability", "max_area"} (images): Zhong et al. 2020, one rectangle per
//                                   image whose area is a fraction in [kMinArea, max_area] of
//                                   the image (kMinArea lowered to max_area when larger), set to 0.
struct AugmentSpec {
    enum class Type { GaussianNoise, Mixup, Shift, Crop, HorizontalFlip, RandomErasing };

    // The smallest erased fraction of random erasing: the paper's s_l.
    static constexpr double kMinArea = 0.02;

    Type type = Type::GaussianNoise;
    double std = 0.05;        // "std" > 0
    double alpha = 0.2;       // "alpha" > 0
    int maxShift = 2;         // "max_shift" >= 1
    int padding = 4;          // "padding" >= 1
    double probability = 0.5; // "probability" in [0, 1]
    double maxArea = 0.2;     // "max_area" in (0, 1]

    // Empty when the fields of this type are valid, else what is wrong, quoting the spec's
    // key ("max_shift must be an integer >= 1, got 0"); the caller adds where ("augment[1]").
    std::string validationError() const;
    // random_erasing's fraction range: [min(kMinArea, maxArea), maxArea].
    double minArea() const;
    // The translation of shift and crop, in pixels.
    int shiftPixels() const { return type == Type::Crop ? padding : maxShift; }

    // The spec's names: "gaussian_noise", "mixup", "shift", "crop", "horizontal_flip",
    // "random_erasing".
    static std::string_view typeName(Type type);
    static std::optional<Type> typeFromName(std::string_view name);
    // Whether the step needs Dataset::imageShape.
    static bool needsImages(Type type);
};

} // namespace tw
