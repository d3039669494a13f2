#pragma once
#include "data/AugmentSpec.h"
#include "data/Dataset.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tw {

struct AugmentedData {
    Dataset data;
    // Empty unless mixup ran on a classification set: then rows x classes, each row a
    // probability vector, and data.y holds each row's most likely class (ties: lower index).
    Eigen::MatrixXf softTargets;
};

// Applies a study's augmentation steps, in list order, to a copy of the training split
// (never to validation or test: the caller passes only the training rows). apply() is
// called once per epoch with seed + epoch, so each epoch sees fresh, reproducible noise.
//
// Images are rows in channel-major order, pixel (c, h, w) at column c*H*W + h*W + w, as
// Dataset::imageShape describes. Image steps (shift, crop, horizontal_flip, random_erasing)
// throw std::invalid_argument on a dataset without a matching imageShape. horizontal_flip
// is skipped on a
// dataset whose allowHorizontalFlip is false (warnings() says so), because mirroring
// changes what some images mean (a mirrored "2" is no digit).
class Augmenter {
public:
    Augmenter() = default;
    // Throws std::invalid_argument naming the step: "Augmenter::Augmenter(): augment[1]
    // (mixup): alpha must be a finite number > 0, got 0".
    explicit Augmenter(std::vector<AugmentSpec> specs);

    const std::vector<AugmentSpec>& specs() const { return m_specs; }
    bool isEmpty() const { return m_specs.empty(); }

    // Throws std::invalid_argument when a step cannot run on `train` (image steps without
    // images, a max_shift or padding as large as the image, mixup on labels that are not class indices).
    void validateFor(const Dataset& train) const;
    // Steps that validateFor() accepts but that will do nothing on `train`, and why.
    std::vector<std::string> warnings(const Dataset& train) const;

    AugmentedData apply(const Dataset& train, std::uint64_t seed) const;

private:
    std::vector<AugmentSpec> m_specs;
};

} // namespace tw
