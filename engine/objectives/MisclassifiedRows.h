#pragma once
#include "data/ImageShape.h"

#include <optional>
#include <string>
#include <vector>

namespace tw {

// The validation rows an image classifier got wrong, for the Trial tab's grid of
// misclassified images (the confusion matrix holds counts only). Up to kMax rows, the most
// confident mistakes first (the highest probability given to the wrong class), each a row
// index into the loaded dataset (before the split: the image is data.x.row(row)); with
// cross-validation gathered over every fold's validation rows.
struct MisclassifiedRows {
    static constexpr int kMax = 64;
    struct Row {
        long long row = 0;        // in the loaded dataset
        int trueClass = 0;
        int predicted = 0;
        double probability = 0.0; // the model's probability of `predicted`
        int fold = 0;
        bool operator==(const Row&) const = default;
    };
    std::vector<std::string> labels;      // class names, by class index
    std::optional<ImageShape> imageShape; // each row's C x H x W
    long long total = 0;                  // every misclassified validation row (may exceed kMax)
    long long validationRows = 0;         // validation rows looked at
    std::vector<Row> rows;          // at most kMax

    // Keeps the kMax most confident mistakes, most confident first (ties: lower row first).
    void keepMostConfident();
};

} // namespace tw
