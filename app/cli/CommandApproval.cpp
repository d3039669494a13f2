#include "CommandApproval.h"

#include "objectives/CommandTrust.h"

#include <QTextStream>

namespace tw::cli {

namespace {

void record(const StudySpec& spec, const QString& studyName, const QString& command)
{
    const QString failed = CommandTrust::approve(spec, studyName);
    if (!failed.isEmpty())
        QTextStream(stderr) << "tunewright-cli " << command << ": warning: the approval of study '" << studyName
                            << "' was not recorded (" << failed << ")\n";
}

} // namespace

bool CommandApproval::check(const StudySpec& spec, const QString& studyName, bool trust, const QString& command)
{
    if (CommandTrust::isApproved(spec, studyName))
        return true;
    if (trust) {
        record(spec, studyName, command);
        return true;
    }
    QTextStream(stderr)
        << "tunewright-cli " << command << ": study '" << studyName
        << "' runs a command that was not created or approved by this user here:\n"
        << CommandTrust::describe(spec)
        << "Run it only if you trust where this experiment came from: add --trust to run it and record the "
           "approval (in "
        << CommandTrust::storePath() << ").\n";
    return false;
}

void CommandApproval::approveCreated(const StudySpec& spec, const QString& studyName, const QString& command)
{
    record(spec, studyName, command);
}

} // namespace tw::cli
