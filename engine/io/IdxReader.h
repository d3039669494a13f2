#pragma once
#include "data/Dataset.h"

#include <QString>

#include <cstdint>
#include <string>
#include <vector>

namespace tw {

// Reads IDX files of unsigned bytes, the MNIST format (LeCun, Cortes, Burges: "The MNIST
// database of handwritten digits", file format section), gzip-compressed or plain (zlib's
// gzread reads both). Errors throw DataError naming the file and what was expected.
class IdxReader {
public:
    struct Array {
        std::vector<int> dims;              // e.g. {60000, 28, 28}
        std::vector<std::uint8_t> values;   // row-major
    };

    static Array read(const QString& path);

    // An image file (N x H x W, or N x C x H x W) and its label file (N) as a classification
    // dataset: pixels as floats in their original 0..255 scale, one image per row, features
    // named pixel_ROW_COL (pixel_C_ROW_COL with several channels).
    static Dataset readClassification(const QString& imagesPath, const QString& labelsPath,
                                      const std::vector<std::string>& classLabels);
};

} // namespace tw
