#include "io/LoadedDataset.h"

namespace tw {

std::vector<ColumnSummary> LoadedDataset::columnsOf(const Dataset& data)
{
    std::vector<ColumnSummary> out;
    out.reserve(size_t(data.features()) + 1);
    for (Eigen::Index j = 0; j < data.features(); ++j) {
        ColumnSummary c;
        c.name = size_t(j) < data.featureNames.size() ? data.featureNames[size_t(j)]
                                                      : "feature_" + std::to_string(j);
        c.firstFeature = int(j);
        c.featureCount = 1;
        out.push_back(std::move(c));
    }
    ColumnSummary t;
    t.name = data.targetName.empty() ? std::string("target") : data.targetName;
    t.role = ColumnSummary::Role::Target;
    t.type = ColumnSummary::Type::Numeric;
    out.push_back(std::move(t));
    return out;
}

} // namespace tw

