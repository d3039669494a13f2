#pragma once
#include "spec/JsonPath.h"
#include "spec/ObjectiveSpec.h"

#include <QJsonValue>
#include <QString>

namespace tw::specparse {

// `objective`: a train objective (dataset, model, training, cv_folds), a command
// (argv with {placeholders}, workdir, timeouts, env) or a test function (name, dim).
// `studyMetric` supplies defaults that depend on it (the early-stopping metric).
class ObjectiveSectionParser {
public:
    static ObjectiveSpec parse(const QJsonValue& v, const JsonPath& path,
                               const QString& studyMetric);
};

} // namespace tw::specparse
