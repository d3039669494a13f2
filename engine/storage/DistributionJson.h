#pragma once
#include "core/Distribution.h"

#include <QHash>
#include <QString>

#include <utility>
#include <vector>

namespace tw {

// Distributions as the SQL storage keeps them in trial_params.distribution: {"kind", "low",
// "high", "step", "log", "choices"}; choices are kept as the JSON texts tw_core compares,
// each a string. The cached conversions serve one storage instance: a study has a handful
// of distributions, written again for every trial and read back for every trial loaded.
class DistributionJson {
public:
    static QString toJson(const Distribution& d);
    // Throws StorageError for text that is not a distribution.
    static Distribution fromJson(const QString& json);

    QString cachedToJson(const Distribution& d);
    Distribution cachedFromJson(const QString& json);

private:
    QHash<QString, Distribution> m_fromJson;
    std::vector<std::pair<Distribution, QString>> m_toJson;
};

} // namespace tw
