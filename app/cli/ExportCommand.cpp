// tunewright-cli export: a study's results in formats other tools read.
#include "CliArgs.h"
#include "CliCommand.h"
#include "StorageOpener.h"
#include "StudySession.h"
#include "TrialTable.h"
#include "export/BestParamsExport.h"
#include "export/LeaderboardCsv.h"
#include "export/OptunaJournalExport.h"
#include "io/FileWriter.h"

#include <QTextStream>

namespace tw::cli {

namespace {

const char* kUsage =
    "Usage: tunewright-cli export [--storage URL] [--study NAME] WHAT FILE\n"
    "  --best FILE            the best trial's params: .json, .yaml/.yml or .csv (- : JSON)\n"
    "  --trials FILE.csv      the leaderboard: one row per trial\n"
    "  --best-model FILE      the best trial's trained model file (train objectives)\n"
    "  --optuna-journal FILE  an Optuna 3.1 journal: JournalStorage(JournalFileStorage(FILE))\n"
    "FILE - writes to standard output. A file is replaced whole or not at all; a FIFO or a\n"
    "device is written in place. Exit codes: 0 success, 2 bad input, 1 the file or the\n"
    "storage cannot be written or read (disk full, read-only, ...).\n";

int run(const QStringList& raw)
{
    QTextStream err(stderr);
    CliArgs args(raw, {"storage", "study", "best", "trials", "best-model", "optuna-journal"});
    if (args.wantsHelp()) {
        QTextStream(stdout) << kUsage;
        return ExitOk;
    }
    const QStringList kinds{"best", "trials", "best-model", "optuna-journal"};
    int chosen = 0;
    for (const auto& k : kinds)
        chosen += args.has(k) ? 1 : 0;
    if (!args.ok() || chosen != 1 || !args.positionals().isEmpty()) {
        err << "tunewright-cli export: "
            << (!args.ok() ? args.error() : QString("expected exactly one of --best, --trials, --best-model, --optuna-journal"))
            << "\n\n" << kUsage;
        return ExitBadInput;
    }
    BestParamsExport::Format format = BestParamsExport::Format::Json;
    if (args.has("best") && !FileWriter::isStdout(args.value("best")) &&
        !BestParamsExport::formatForFile(args.value("best"), &format)) {
        err << "tunewright-cli export: --best " << args.value("best")
            << ": expected a file ending in .json, .yaml, .yml or .csv\n";
        return ExitBadInput;
    }
    try {
        auto storage = StorageOpener::open(args.value("storage"), StorageAccess::ReadOnly);
        const StudyRecord study = StudySession::findStudy(*storage, args.value("study"));
        const auto trials = storage->trials(study.id);
        const QString name = QString::fromStdString(study.name);
        const QString metric = study.metric.empty() ? QString("value") : QString::fromStdString(study.metric);
        QString file;
        QByteArray bytes;
        if (args.has("trials")) {
            file = args.value("trials");
            bytes = LeaderboardCsv::write(trials);
        } else if (args.has("optuna-journal")) {
            file = args.value("optuna-journal");
            bytes = OptunaJournalExport::write(study, trials);
        } else {
            const auto ranked = TrialTable::ranked(trials, study.direction);
            if (ranked.empty() || ranked.front().state != TrialState::Complete) {
                err << "tunewright-cli export: study '" << name << "' has no complete trial yet\n";
                return ExitBadInput;
            }
            const FrozenTrial& best = ranked.front();
            if (args.has("best")) {
                file = args.value("best");
                bytes = BestParamsExport::write(format, name, best, metric);
            } else {
                file = args.value("best-model");
                const auto model = storage->artifact(best.id, "model");
                if (!model) {
                    err << "tunewright-cli export: the best trial #" << best.number
                        << " has no stored model; models are kept for train objectives only\n";
                    return ExitBadInput;
                }
                bytes = QByteArray::fromStdString(*model);
            }
        }
        const QString error = FileWriter::write(file, bytes);
        if (!error.isEmpty()) {
            err << "tunewright-cli export: " << error << "\n";
            return ExitInternal;
        }
        if (!FileWriter::isStdout(file))
            err << "wrote " << file << "\n";
        return ExitOk;
    } catch (const SessionError& e) {
        err << "tunewright-cli export: " << e.what() << "\n";
    } catch (const StorageError& e) {
        err << "tunewright-cli export: " << e.what() << "\n";
        return storageExitCode(e);
    }
    return ExitBadInput;
}

const CliCommand::Registrar registrar({"export", "write the best params, the leaderboard, the best model or an Optuna journal", run});

} // namespace

} // namespace tw::cli
