#pragma once
#include <cstdint>
#include <string>

namespace tw {

// What SyntheticData::generate() builds. Which fields a kind reads:
//   moons, circles, xor : samples, noise, seed (2 features, 2 classes); circles also factor
//   spirals             : samples, noise, classes (arms), seed (2 features)
//   blobs               : samples, noise (std of each blob), classes (centers), features, seed
//   friedman1           : samples, noise, features (>= 5; the first 5 drive y), seed
//   sine                : samples, noise, seed (1 feature)
// Fields a kind does not read are ignored, so one options struct can travel with a spec.
struct SyntheticOptions {
    std::string kind; // moons|circles|spirals|blobs|xor|friedman1|sine
    int samples = 500;
    double noise = 0.1;
    int classes = 3;     // blobs centers, spirals arms
    int features = 2;    // blobs dims; friedman1 >= 5
    double factor = 0.5; // circles inner/outer
    std::uint64_t seed = 0;
};

} // namespace tw
