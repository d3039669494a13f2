#pragma once

namespace tw {

// One entry of `objective.dataset.augment`, applied to the training split only. Only the
// fields of its type are read; the others keep their defaults.
struct AugmentSpec {
    enum class Type {
        GaussianNoise,  // "gaussian_noise": std
        Mixup,          // "mixup": alpha
        Shift,          // "shift" (images): max_shift pixels
        Crop,           // "crop" (images): padding pixels, then a random crop back to size
        HorizontalFlip, // "horizontal_flip" (images): probability
        RandomErasing,  // "random_erasing" (images): probability, max_area
    };
    Type type = Type::GaussianNoise;
    double std = 0.05;        // > 0
    double alpha = 0.2;       // > 0
    int maxShift = 2;         // >= 1
    int padding = 4;          // >= 1
    double probability = 0.5; // in [0, 1]
    double maxArea = 0.2;     // in (0, 1]
};

} // namespace tw
