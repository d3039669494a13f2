#pragma once
#include "spec/StudySpec.h"

#include <QString>

namespace tw {

// Whether a train objective's CSV fits its spec, checked before any trial (#13) on the
// header and the first rows (io/CsvSample, at most 1 MiB): the file exists and parses,
// the target and the ignored columns exist, and the task fits the metric and the model
// type (val_accuracy needs a classification target, not a column of fractional numbers).
// What a sample cannot tell (a single class in the first rows of a sorted file, the class
// count of a large file) is left to the trials. Built-in and synthetic sources, command and
// function objectives pass: the parser checks what they need.
class SpecDataCheck {
public:
    // Empty when nothing is wrong; else "PATH: message" (objective.dataset.target: ...,
    // objective.model.type: ...), as the spec parser writes its errors. The last file's result is kept,
    // keyed by its path, size and time of change, so a form may ask at every edit.
    static QString check(const StudySpec& spec);
};

} // namespace tw
