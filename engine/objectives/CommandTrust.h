#pragma once
#include "spec/StudySpec.h"

#include <QString>

namespace tw {

// Which command objectives this user has approved to run (#13). A command objective is
// code: an experiment file opened from elsewhere (a double-clicked .twx, a shared
// database) could run any argv. So the first trial of a study whose command is not
// approved here waits for the user's yes (the GUI asks; the CLI refuses unless --trust).
// Creating a study here approves it. Train and function objectives run no external code.
//
// The store is one JSON file per user, under the XDG data folder:
// $XDG_DATA_HOME/tunewright/trust.json (~/.local/share/tunewright/trust.json). Each entry
// is keyed by fingerprint(): a SHA-256 of the study's name and, in canonical JSON, the
// command's argv, working folder and environment and the search space whose values the
// argv's {placeholders} take. Any change to those needs a new approval.
class CommandTrust {
public:
    static QString storePath();

    // Whether running `spec` runs external code (a command objective).
    static bool needsApproval(const StudySpec& spec);
    static QString fingerprint(const StudySpec& spec, const QString& studyName);

    // True for objectives that need no approval, and for approved commands.
    static bool isApproved(const StudySpec& spec, const QString& studyName);
    // Records the approval (with the user, the host and the time). Empty on success, else
    // why the store could not be written.
    static QString approve(const StudySpec& spec, const QString& studyName);

    // The exact command, its working folder and its environment, one per line, for the
    // question the GUI asks and the CLI's refusal.
    static QString describe(const StudySpec& spec);
};

} // namespace tw
