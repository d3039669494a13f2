// tunewright-cli delete-study: remove a study and all its trials.
#include "CliArgs.h"
#include "CliCommand.h"
#include "StorageOpener.h"
#include "StudySession.h"

#include <QTextStream>

namespace tw::cli {

namespace {

int run(const QStringList& raw)
{
    QTextStream err(stderr);
    CliArgs args(raw, {"storage", "study"}, {"yes"});
    if (args.wantsHelp()) {
        QTextStream(stdout) << "Usage: tunewright-cli delete-study [--storage URL] --study NAME --yes\n"
                               "Deletes the study with all its trials, logs and models. --yes confirms.\n";
        return ExitOk;
    }
    if (!args.ok() || !args.has("study") || !args.has("yes")) {
        err << "tunewright-cli delete-study: "
            << (!args.ok() ? args.error() : QString("expected --study NAME and --yes to confirm")) << "\n";
        return ExitBadInput;
    }
    try {
        auto storage = StorageOpener::open(args.value("storage"), StorageAccess::Existing);
        const StudyRecord study = StudySession::findStudy(*storage, args.value("study"));
        storage->deleteStudy(study.id);
        err << "deleted study '" << QString::fromStdString(study.name) << "'\n";
        return ExitOk;
    } catch (const SessionError& e) {
        err << "tunewright-cli delete-study: " << e.what() << "\n";
    } catch (const StorageError& e) {
        err << "tunewright-cli delete-study: " << e.what() << "\n";
        return storageExitCode(e);
    }
    return ExitBadInput;
}

const CliCommand::Registrar registrar({"delete-study", "delete a study and all its trials", run});

} // namespace

} // namespace tw::cli
