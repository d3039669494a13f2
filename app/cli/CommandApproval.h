#pragma once
#include "spec/StudySpec.h"

#include <QString>

namespace tw::cli {

// The CLI's side of CommandTrust (#13): before the first trial of a study whose command
// this user has not approved, `run` and `worker` refuse (exit 2) unless --trust, which
// approves it (recorded when the store can be written; a warning otherwise).
class CommandApproval {
public:
    // True when the study may run. On refusal, says why on stderr, as `command` (run, worker).
    static bool check(const StudySpec& spec, const QString& studyName, bool trust, const QString& command);
    // Records that this user created the study here; a failure to write is a warning.
    static void approveCreated(const StudySpec& spec, const QString& studyName, const QString& command);
};

} // namespace tw::cli
