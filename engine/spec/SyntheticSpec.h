#pragma once
#include <cstdint>

namespace tw {

// `objective.dataset.synthetic`: options of a `synthetic:KIND` generator. 0 for classes
// or features means the kind's own default (moons, circles, xor: 2 classes; spirals: 3
// arms; blobs: 3 centres and 2 features; friedman1: 10 features; sine: 1 feature).
struct SyntheticSpec {
    int samples = 1000;  // "n_samples", >= 2
    double noise = 0.1;  // >= 0
    int classes = 0;     // "n_classes" (blobs, spirals), >= 2
    int features = 0;    // "n_features" (blobs, friedman1 >= 5)
    double factor = 0.5; // circles: inner radius / outer radius, in (0, 1)
    std::uint64_t seed = 0;
};

} // namespace tw
