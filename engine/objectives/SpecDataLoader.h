#pragma once
#include "data/SyntheticOptions.h"
#include "io/CsvOptions.h"
#include "io/LoadedDataset.h"
#include "spec/DatasetSpec.h"

#include <QJsonObject>
#include <QString>

namespace tw {

// Reads the data a train objective's `dataset` names: the reader options from the spec,
// and the cache keys that say when two specs read (and split) the same data.
class SpecDataLoader {
public:
    static CsvOptions csvOptions(const DatasetSpec& spec);
    // The generator options, with the kind's own defaults where the spec says 0.
    static SyntheticOptions syntheticOptions(const DatasetSpec& spec);
    // Throws DataError (bad file or source) or std::invalid_argument.
    static LoadedDataset load(const DatasetSpec& spec);

    // Canonical JSON of the keys that decide what is read (source, target, columns,
    // delimiter, header, missing, synthetic), from the objective's `dataset` JSON.
    static QString loadKey(const QJsonObject& datasetJson);
    // loadKey plus what decides the splits and their preprocessing (split, preprocess) and
    // the objective's cv_folds.
    static QString foldKey(const QJsonObject& datasetJson, int cvFolds);
};

} // namespace tw
