// tunewright-cli run SPEC: create a study from a spec, or resume it, and run its trials.
#include "CliArgs.h"
#include "CliCommand.h"
#include "SessionRunner.h"
#include "StorageOpener.h"
#include "StudySession.h"
#include "spec/StudySpecParser.h"

#include <QTextStream>

namespace tw::cli {

namespace {

const char* kUsage =
    "Usage: tunewright-cli run SPEC.json [--storage URL] [--study NAME] [--trials N] [--parallel N]\n"
    "                                    [--create-only]\n"
    "\n"
    "Creates the study described by SPEC in the storage, or resumes it when a study of that\n"
    "name exists with the same spec, and runs trials until the study's budget is spent.\n"
    "  --storage URL   sqlite:///file.twx, a file path, or postgresql://user@host/db\n"
    "                  (default: the experiment file the workbench opens)\n"
    "  --study NAME    the study's name (default: the spec's name)\n"
    "  --trials N      the study's trial budget, across all its processes (default: the spec's)\n"
    "  --parallel N    trials this process runs at once (default: the spec's budget.parallel)\n"
    "  --create-only   create (or check) the study and run nothing, for workers to join\n"
    "Ctrl+C pauses (running trials finish); a second Ctrl+C, or SIGTERM, cancels them (they\n"
    "run again on resume).\n"
    "Exit codes: 0 success, 1 internal or environment error (or no trial of the run completed),\n"
    "2 bad input (or trials kept failing for a data or setup reason), 130 Ctrl+C, 143 SIGTERM.\n";

int run(const QStringList& raw)
{
    QTextStream err(stderr);
    CliArgs args(raw, {"storage", "study", "trials", "parallel"}, {"create-only"});
    if (args.wantsHelp()) {
        QTextStream(stdout) << kUsage;
        return ExitOk;
    }
    const auto trials = args.intValue("trials", 0);
    const auto parallel = args.intValue("parallel", 1);
    if (args.ok() && args.positionals().size() != 1)
        err << "tunewright-cli run: expected one SPEC file\n\n" << kUsage;
    if (!args.ok())
        err << "tunewright-cli run: " << args.error() << "\n";
    if (!args.ok() || args.positionals().size() != 1)
        return ExitBadInput;

    auto spec = StudySpecParser::parseFile(args.positionals().first());
    if (!spec) {
        err << spec.error() << "\n";
        return ExitBadInput;
    }
    try {
        auto storage = StorageOpener::open(args.value("storage"));
        auto session = StudySession::createOrResume(*storage, std::move(spec).value(), args.value("study"), trials);
        if (args.has("create-only")) {
            err << (session->resumed() ? "Study '" : "Created study '") << QString::fromStdString(session->record().name)
                << "' with a budget of " << session->trialBudget() << " trials; start workers with\n"
                << "  tunewright-cli worker --storage URL --study " << QString::fromStdString(session->record().name) << "\n";
            return ExitOk;
        }
        return SessionRunner::run(*session, std::nullopt, parallel);
    } catch (const SessionError& e) {
        err << "tunewright-cli run: " << e.what() << "\n";
        return ExitBadInput;
    } catch (const StorageError& e) {
        err << "tunewright-cli run: " << e.what() << "\n";
        return storageExitCode(e);
    }
}

const CliCommand::Registrar registrar({"run", "create or resume a study from a spec and run its trials", run});

} // namespace

} // namespace tw::cli
