#pragma once
#include "core/StudyDirection.h"
#include "spec/BudgetSpec.h"
#include "spec/ObjectiveSpec.h"
#include "spec/PrunerSpec.h"
#include "spec/RetrySpec.h"
#include "spec/SamplerSpec.h"
#include "spec/SearchSpaceSpec.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace tw {

// One study, as the JSON document of docs/study-spec.md describes it. Built by
// StudySpecParser; `json` keeps the document itself (with resolved paths), which is what
// the storage stores, in canonical form.
struct StudySpec {
    int version = 1;
    QString name; // default: the spec file's base name, else "study"
    QString description;
    // train: one of {train,val}_{loss,accuracy,f1_macro,rmse,mae,r2}; command and function:
    // the value's name in the UI, default "value".
    QString metric;
    // Default: maximize for accuracy, f1_macro and r2 metrics, else minimize.
    StudyDirection direction = StudyDirection::Minimize;
    ObjectiveSpec objective;
    SearchSpaceSpec searchSpace;
    SamplerSpec sampler;
    PrunerSpec pruner;
    BudgetSpec budget;
    RetrySpec retry;

    QJsonObject json;
    QString sourceFile; // the file parsed, if any
    QString baseDir;    // the folder relative paths were resolved against; empty if none

    // The document in canonical form (sorted keys, compact, numbers normalised).
    QString canonicalJson() const;

    // Resolves `csv:` sources (also in search_space choices of "dataset.source") and a
    // command's `workdir` against `dir`, in the typed fields and in the JSON. Absolute
    // paths stay. Idempotent.
    void resolvePaths(const QString& dir);

    // #17: a new study without `sampler` gets {"type": "auto"}, in the typed fields and in
    // the JSON, so its stored copy records it (a stored spec without `sampler` stays TPE).
    // Returns whether it changed anything.
    bool applyNewStudyDefaults();

    // Top-level keys that may differ when a study is resumed: the budget (the CLI's
    // --trials may raise it, and parallelism is per process).
    static QStringList resumeIgnoredKeys();
    // Empty when `this` may resume a study stored with `storedCanonicalJson`; else
    // "the spec differs from the stored study at PATH: X in the stored study, Y in this spec".
    QString resumeMismatch(const QString& storedCanonicalJson) const;
};

} // namespace tw
