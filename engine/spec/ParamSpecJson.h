#pragma once
#include "core/Distribution.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace tw {

// One entry of `search_space`, with its JSON values kept (tw::Distribution only holds
// compact JSON text for choices; SpecSearchSpace maps between the two).
struct ParamSpecJson {
    struct Condition {
        QString param;     // another search_space key
        QJsonArray values; // the parent's JSON values that activate ("in") or deactivate ("not_in")
        bool notIn = false;
    };

    QString name; // the search_space key: a dotted path (train) or a plain name
    Distribution::Kind kind = Distribution::Kind::Float;
    double low = 0.0;   // float, int
    double high = 1.0;  // float, int
    bool log = false;   // float, int
    double step = 0.0;  // float: 0 = continuous; int: >= 1 (default 1)
    int resolution = 0; // float, grid sampler: the number of points (>= 2), 0 = unset
    QJsonArray choices; // categorical: any JSON values, distinct
    QJsonValue value;   // fixed
    std::optional<Condition> condition;
    QJsonObject json;
};

} // namespace tw
