// tunewright-cli worker: join a stored study and run its trials beside other workers.
#include "CliArgs.h"
#include "CliCommand.h"
#include "CommandApproval.h"
#include "TerminalRun.h"
#include "StorageOpener.h"
#include "StudySession.h"

#include <QTextStream>

namespace tw::cli {

namespace {

const char* kUsage =
    "Usage: tunewright-cli worker --storage URL [--study NAME] [--trials N] [--parallel N] [--trust]\n"
    "\n"
    "Joins a study created by `tunewright-cli run` (or the workbench) and runs its trials\n"
    "until the study's budget is spent. Any number of workers, on any number of machines,\n"
    "may share one PostgreSQL database or, on one machine, one SQLite file.\n"
    "  --study NAME    may be left out when the storage holds exactly one study\n"
    "  --trials N      at most N trials for this worker\n"
    "  --parallel N    trials this worker runs at once (default: the spec's budget.parallel)\n"
    "  --trust         run the study's command objective although this user has not approved\n"
    "                  it here (`run SPEC` approves the studies it creates), and approve it\n";

int run(const QStringList& raw)
{
    QTextStream err(stderr);
    CliArgs args(raw, {"storage", "study", "trials", "parallel"}, {"trust"});
    if (args.wantsHelp()) {
        QTextStream(stdout) << kUsage;
        return ExitOk;
    }
    const auto trials = args.intValue("trials", 1);
    const auto parallel = args.intValue("parallel", 1);
    if (args.ok() && !args.positionals().isEmpty())
        err << "tunewright-cli worker: unexpected argument '" << args.positionals().first() << "'\n\n" << kUsage;
    if (!args.ok())
        err << "tunewright-cli worker: " << args.error() << "\n";
    if (!args.ok() || !args.positionals().isEmpty())
        return ExitBadInput;
    try {
        auto storage = StorageOpener::open(args.value("storage"), StorageAccess::Existing);
        auto session = StudySession::join(*storage, args.value("study"));
        if (!CommandApproval::check(session->spec(), QString::fromStdString(session->record().name),
                                    args.has("trust"), "worker"))
            return ExitBadInput;
        return TerminalRun::run(*session, trials, parallel);
    } catch (const SessionError& e) {
        err << "tunewright-cli worker: " << e.what() << "\n";
        return ExitBadInput;
    } catch (const StorageError& e) {
        err << "tunewright-cli worker: " << e.what() << "\n";
        return storageExitCode(e);
    }
}

const CliCommand::Registrar registrar({"worker", "join a stored study and run its trials", run});

} // namespace

} // namespace tw::cli
