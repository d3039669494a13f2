#include "modelio/ModelInputColumn.h"

#include "io/LoadedDataset.h"

#include <algorithm>

namespace tw {

std::vector<ModelInputColumn> ModelInputColumn::fromLoaded(const LoadedDataset& loaded)
{
    const Dataset& d = loaded.data;
    const auto features = static_cast<int>(d.features());
    std::vector<ModelInputColumn> out;
    std::vector<const ColumnSummary*> used;
    for (const auto& c : loaded.columns)
        if (c.role == ColumnSummary::Role::Feature && c.firstFeature >= 0 && c.featureCount > 0)
            used.push_back(&c);
    std::sort(used.begin(), used.end(),
              [](const ColumnSummary* a, const ColumnSummary* b) { return a->firstFeature < b->firstFeature; });
    int next = 0;
    bool covers = static_cast<int>(d.featureNames.size()) == features;
    for (const ColumnSummary* c : used) {
        if (!covers || c->firstFeature != next || next + c->featureCount > features) {
            covers = false;
            break;
        }
        ModelInputColumn col;
        col.name = c->name;
        if (c->type == ColumnSummary::Type::Text) {
            col.type = Type::Categorical;
            // The reader names one-hot features "column=category".
            const std::string prefix = c->name + "=";
            for (int f = c->firstFeature; f < c->firstFeature + c->featureCount; ++f) {
                const std::string& fn = d.featureNames[static_cast<size_t>(f)];
                col.categories.push_back(fn.rfind(prefix, 0) == 0 ? fn.substr(prefix.size()) : fn);
            }
        }
        next += c->featureCount;
        out.push_back(std::move(col));
    }
    if (covers && next == features)
        return out;
    out.clear();
    for (int f = 0; f < features; ++f) {
        ModelInputColumn col;
        col.name = f < static_cast<int>(d.featureNames.size()) ? d.featureNames[static_cast<size_t>(f)]
                                                                : "x" + std::to_string(f);
        out.push_back(std::move(col));
    }
    return out;
}

} // namespace tw
