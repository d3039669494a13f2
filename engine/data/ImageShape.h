#pragma once
#include <string>

namespace tw {

// The shape of one image sample, channels first: a row of a Dataset (or a column of a
// network's activations) holds channels x height x width values, index (c * height + y) *
// width + x. Also the shape of a convolutional network's feature maps between layers.
struct ImageShape {
    int channels = 1;
    int height = 0;
    int width = 0;

    long long size() const { return static_cast<long long>(channels) * height * width; }
    long long plane() const { return static_cast<long long>(height) * width; }
    bool isValid() const { return channels >= 1 && height >= 1 && width >= 1; }
    // "1x28x28"
    std::string toString() const
    {
        return std::to_string(channels) + "x" + std::to_string(height) + "x" + std::to_string(width);
    }
    bool operator==(const ImageShape&) const = default;
};

} // namespace tw
