#pragma once
#include <QMap>
#include <QString>
#include <QStringList>

namespace tw {

// The fields of a `command` objective (see docs/study-spec.md for the protocol).
struct CommandObjectiveSpec {
    QStringList argv;                      // non-empty; `{name}` placeholders, `{{` `}}` literal
    QString workdir = QStringLiteral("."); // relative to the spec file; absolute once resolved
    double timeoutS = 0.0;                 // "timeout_s", >= 0, 0 = no limit
    double pruneGraceS = 0.0;              // "prune_grace_s", >= 0: wait after the prune marker
    QMap<QString, QString> env;            // extra environment variables
};

} // namespace tw
