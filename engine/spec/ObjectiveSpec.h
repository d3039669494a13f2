#pragma once
#include "spec/CommandObjectiveSpec.h"
#include "spec/DatasetSpec.h"
#include "spec/FunctionObjectiveSpec.h"
#include "spec/ModelSpec.h"
#include "spec/TrainingSpec.h"

#include <QJsonObject>

namespace tw {

// `objective`: what a trial runs. Only the fields of `type` are meaningful.
struct ObjectiveSpec {
    enum class Type { Train, Command, Function };
    Type type = Type::Train;

    // train
    DatasetSpec dataset;
    ModelSpec model;
    TrainingSpec training;
    int cvFolds = 0; // "cv_folds": 0 = hold-out validation, else >= 2 folds

    CommandObjectiveSpec command;
    FunctionObjectiveSpec function;

    // The objective as JSON (paths resolved): trial parameters are set into it by dotted
    // path (ParamsJson::applyToObjective), and the result parsed again for that trial.
    QJsonObject json;

    bool isTrain() const { return type == Type::Train; }
};

} // namespace tw
