#pragma once
#include "spec/ParamSpecJson.h"

#include <vector>

namespace tw {

// `search_space`, in key order (JSON objects are unordered; the sorted order makes
// every reader agree).
struct SearchSpaceSpec {
    std::vector<ParamSpecJson> params;
    QJsonObject json;

    bool empty() const { return params.empty(); }
    const ParamSpecJson* find(const QString& name) const {
        for (const auto& p : params)
            if (p.name == name)
                return &p;
        return nullptr;
    }
};

} // namespace tw
