#pragma once
#include <string>
#include <vector>

namespace tw {

struct LoadedDataset;

// One column of the table a model was trained on, as the predict command must read it
// again: a numeric column is one feature; a text column was one-hot encoded into one
// feature per category, in the order given here (the CSV reader's byte order).
struct ModelInputColumn {
    enum class Type { Numeric, Categorical };

    std::string name;
    Type type = Type::Numeric;
    std::vector<std::string> categories;  // Categorical only

    int featureCount() const { return type == Type::Numeric ? 1 : static_cast<int>(categories.size()); }
    bool operator==(const ModelInputColumn&) const = default;

    // The input columns of a loaded dataset, in feature order. A dataset without column
    // summaries (or whose summaries do not cover its features) gets one numeric column per
    // feature, named as the feature.
    static std::vector<ModelInputColumn> fromLoaded(const LoadedDataset& loaded);
};

} // namespace tw
