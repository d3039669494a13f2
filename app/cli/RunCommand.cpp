// tunewright-cli run SPEC: create a study from a spec, or resume it, and run its trials.
#include "CliArgs.h"
#include "CliCommand.h"
#include "CommandApproval.h"
#include "TerminalRun.h"
#include "StorageOpener.h"
#include "StudySession.h"
#include "objectives/SpecDataCheck.h"
#include "spec/StudySpecParser.h"

#include <QTextStream>

namespace tw::cli {

namespace {

const char* kUsage =
    "Usage: tunewright-cli run SPEC.json [--storage URL] [--study NAME] [--trials N] [--parallel N]\n"
    "                                    [--create-only] [--trust]\n"
    "\n"
    "Creates the study described by SPEC in the storage, or resumes it when a study of that\n"
    "name exists with the same spec, and runs trials until the study's budget is spent.\n"
    "  --storage URL   sqlite:///file.twx, a file path, or postgresql://user@host/db\n"
    "                  (default: the experiment file the workbench opens)\n"
    "  --study NAME    the study's name (default: the spec's name)\n"
    "  --trials N      the study's trial budget, across all its processes (default: the spec's)\n"
    "  --parallel N    trials this process runs at once (default: the spec's budget.parallel)\n"
    "  --create-only   create (or check) the study and run nothing, for workers to join\n"
    "  --trust         run a stored study's command objective although this user has not\n"
    "                  approved it here (creating a study approves it), and approve it\n"
    "Ctrl+C pauses (running trials finish); a second Ctrl+C, or SIGTERM, cancels them (they\n"
    "run again on resume).\n"
    "Exit codes: 0 success, 1 internal or environment error (or no trial of the run completed),\n"
    "2 bad input (or trials kept failing for a data or setup reason), 130 Ctrl+C, 143 SIGTERM.\n";

int run(const QStringList& raw)
{
    QTextStream err(stderr);
    CliArgs args(raw, {"storage", "study", "trials", "parallel"}, {"create-only", "trust"});
    if (args.wantsHelp()) {
        QTextStream(stdout) << kUsage;
        return ExitOk;
    }
    const auto trials = args.intValue("trials", 1); // as budget.trials: >= 1 (#13)
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
    // The data, before any study is created: a missing file or target fails every trial (#13).
    if (const QString bad = SpecDataCheck::check(*spec); !bad.isEmpty()) {
        err << args.positionals().first() << ": " << bad << "\n";
        return ExitBadInput;
    }
    try {
        auto storage = StorageOpener::open(args.value("storage"));
        // A stored study runs its command only when this user created or approved it here
        // (#13); creating it from this spec approves it.
        const QString studyName = args.value("study").isEmpty() ? spec->name : args.value("study");
        const auto stored = storage->findStudy(studyName.toStdString());
        const bool existed = stored.has_value();
        // (A spec that differs from the stored one is refused below, saying where.)
        if (existed && !args.has("create-only") &&
            spec->resumeMismatch(QString::fromStdString(stored->specJson)).isEmpty() &&
            !CommandApproval::check(*spec, studyName, args.has("trust"), "run"))
            return ExitBadInput;
        auto session = StudySession::createOrResume(*storage, std::move(spec).value(), args.value("study"), trials);
        if (!existed)
            CommandApproval::approveCreated(session->spec(), studyName, "run");
        if (args.has("create-only")) {
            err << (session->resumed() ? "Study '" : "Created study '") << QString::fromStdString(session->record().name)
                << "' with a budget of " << session->trialBudget() << " trials; start workers with\n"
                << "  tunewright-cli worker --storage URL --study " << QString::fromStdString(session->record().name) << "\n";
            return ExitOk;
        }
        return TerminalRun::run(*session, std::nullopt, parallel);
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
