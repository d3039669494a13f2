#pragma once
#include "data/ImageShape.h"

#include <Eigen/Core>

#include <optional>
#include <string>
#include <vector>

namespace tw {

enum class Task { Classification, Regression };

// Features are float: training runs in float32 (twice the GEMM rate of double, half the
// memory), and measured features rarely carry more than 7 significant digits. Rows are
// samples and the storage is row-major, so one sample is contiguous and a shuffled
// mini-batch is a gather of whole rows.
using FeatureMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// A table of samples: features, one target per row, and what the columns mean.
struct Dataset {
    FeatureMatrix x;
    // Classification: the class index (0 .. classLabels.size()-1) stored exactly as a float.
    // Regression: the target value.
    Eigen::VectorXf y;
    Task task = Task::Regression;
    std::vector<std::string> featureNames;  // one per column of x
    std::vector<std::string> classLabels;   // classification only
    std::string targetName;
    std::optional<ImageShape> imageShape;   // when each row is a C x H x W image
    // Whether mirroring an image left-right keeps its label (clothes: yes; digits: no), so
    // that the "hflip" augmentation applies. Set by whoever loads the dataset.
    bool allowHorizontalFlip = false;

    Eigen::Index rows() const { return x.rows(); }
    Eigen::Index features() const { return x.cols(); }
    int classCount() const { return static_cast<int>(classLabels.size()); }
    // The rows at `indices`, in that order, with the same metadata.
    Dataset subset(const std::vector<Eigen::Index>& indices) const;
    // Samples per class (classification), in class order.
    std::vector<Eigen::Index> classCounts() const;
};

} // namespace tw
