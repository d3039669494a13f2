#include "data/Dataset.h"

namespace tw {

Dataset Dataset::subset(const std::vector<Eigen::Index>& indices) const
{
    Dataset out;
    out.task = task;
    out.featureNames = featureNames;
    out.classLabels = classLabels;
    out.targetName = targetName;
    out.imageShape = imageShape;
    out.allowHorizontalFlip = allowHorizontalFlip;
    out.x.resize(static_cast<Eigen::Index>(indices.size()), x.cols());
    out.y.resize(static_cast<Eigen::Index>(indices.size()));
    for (size_t i = 0; i < indices.size(); ++i) {
        out.x.row(static_cast<Eigen::Index>(i)) = x.row(indices[i]);
        out.y(static_cast<Eigen::Index>(i)) = y(indices[i]);
    }
    return out;
}

std::vector<Eigen::Index> Dataset::classCounts() const
{
    std::vector<Eigen::Index> counts(classLabels.size(), 0);
    for (Eigen::Index i = 0; i < y.size(); ++i) {
        const auto c = static_cast<size_t>(y(i));
        if (c < counts.size())
            ++counts[c];
    }
    return counts;
}

} // namespace tw
