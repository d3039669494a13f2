#pragma once
#include "data/Dataset.h"
#include "data/SyntheticOptions.h"

#include <string>
#include <vector>

namespace tw {

// Seeded toy datasets for trying models and samplers without files. The same options
// (seed included) give the same dataset, bit for bit, within one binary; see core/Random
// for what holds across platforms.
//
// Shapes follow scikit-learn's make_* generators where one exists:
// - moons: two interleaving half circles; class 0 is the upper one (make_moons).
// - circles: class 0 on the unit circle, class 1 on the circle of radius `factor`
//   (make_circles).
// - spirals: `classes` arms, each a 1.5-turn Archimedean spiral r = t, angle = 3 pi t +
//   2 pi k / classes for t in [0, 1].
// - blobs: `classes` centers drawn uniformly in [-1, 1]^features; each sample is its
//   center plus N(0, noise^2) per feature (make_blobs, with the centers' box scaled to the
//   other kinds' unit range so that the shared default noise means the same).
// - xor: x uniform in [-1, 1]^2, class 1 when the signs of x0 and x1 differ; the label is
//   taken before the noise is added.
// - friedman1: x uniform in [0, 1]^features, y = 10 sin(pi x0 x1) + 20 (x2 - 0.5)^2 +
//   10 x3 + 5 x4 + noise * N(0, 1) (Friedman 1991; make_friedman1).
// - sine: x uniform in [-pi, pi], y = sin(x) + noise * N(0, 1).
// Noise is N(0, noise^2) added to every coordinate (classification) or to y (regression).
// Classes are as balanced as the sample count allows (sizes differ by at most one), and the
// rows of classification sets are shuffled.
class SyntheticData {
public:
    static Dataset generate(const SyntheticOptions& options);
    static std::vector<std::string> kinds();
    // Largest accepted values: a typo in a spec should give a message, not an allocation
    // of hundreds of gigabytes.
    static constexpr int maxSamples = 10'000'000;
    static constexpr int maxFeatures = 10'000;
    static constexpr long long maxCells = 250'000'000; // samples x features: 1 GB of floats
};

} // namespace tw
