// tunewright-cli trials and best: read a study's trials.
#include "CliArgs.h"
#include "CliCommand.h"
#include "StorageOpener.h"
#include "StudySession.h"
#include "TrialTable.h"
#include "export/BestParamsExport.h"
#include "export/LeaderboardCsv.h"
#include "export/TrialJson.h"

#include <QJsonDocument>
#include <QTextStream>

namespace tw::cli {

namespace {

int trials(const QStringList& raw)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    CliArgs args(raw, {"storage", "study", "format", "sort"});
    if (args.wantsHelp()) {
        out << "Usage: tunewright-cli trials [--storage URL] [--study NAME] [--format table|csv|json]\n"
               "                             [--sort number|value|duration|state|PARAM]\n";
        return ExitOk;
    }
    const QString format = args.value("format", "table");
    if (args.ok() && format != "table" && format != "json" && format != "csv") {
        err << "tunewright-cli trials: --format: expected table, csv or json, got \"" << format << "\"\n";
        return ExitBadInput;
    }
    if (!args.ok()) {
        err << "tunewright-cli trials: " << args.error() << "\n";
        return ExitBadInput;
    }
    try {
        auto storage = StorageOpener::open(args.value("storage"), StorageAccess::ReadOnly);
        const StudyRecord study = StudySession::findStudy(*storage, args.value("study"));
        auto list = storage->trials(study.id);
        if (!TrialTable::sort(list, args.value("sort"), study.direction)) {
            err << "tunewright-cli trials: --sort: unknown key \"" << args.value("sort")
                << "\"; expected number, value, duration, state or a parameter's name\n";
            return ExitBadInput;
        }
        if (format == "json")
            out << QJsonDocument(TrialJson::toJson(list)).toJson(QJsonDocument::Indented);
        else if (format == "csv")
            out << LeaderboardCsv::write(list);
        else
            out << TrialTable::render(list, QString::fromStdString(study.metric));
        return ExitOk;
    } catch (const SessionError& e) {
        err << "tunewright-cli trials: " << e.what() << "\n";
    } catch (const StorageError& e) {
        err << "tunewright-cli trials: " << e.what() << "\n";
        return storageExitCode(e);
    }
    return ExitBadInput;
}

int best(const QStringList& raw)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    CliArgs args(raw, {"storage", "study", "format"});
    if (args.wantsHelp()) {
        out << "Usage: tunewright-cli best [--storage URL] [--study NAME] [--format table|json]\n";
        return ExitOk;
    }
    const QString format = args.value("format", "table");
    if (!args.ok() || (format != "table" && format != "json")) {
        err << "tunewright-cli best: " << (args.ok() ? "--format: expected table or json" : args.error()) << "\n";
        return ExitBadInput;
    }
    try {
        auto storage = StorageOpener::open(args.value("storage"), StorageAccess::ReadOnly);
        const StudyRecord study = StudySession::findStudy(*storage, args.value("study"));
        auto ranked = TrialTable::ranked(storage->trials(study.id), study.direction);
        if (ranked.empty() || ranked.front().state != TrialState::Complete) {
            err << "tunewright-cli best: study '" << QString::fromStdString(study.name) << "' has no complete trial yet\n";
            return ExitBadInput;
        }
        const QString metric = study.metric.empty() ? QString("value") : QString::fromStdString(study.metric);
        if (format == "json") {
            out << QJsonDocument(BestParamsExport::toJson(QString::fromStdString(study.name), ranked.front(), metric))
                       .toJson(QJsonDocument::Indented);
        } else {
            out << BestParamsExport::write(BestParamsExport::Format::Yaml, QString::fromStdString(study.name),
                                           ranked.front(), metric);
        }
        return ExitOk;
    } catch (const SessionError& e) {
        err << "tunewright-cli best: " << e.what() << "\n";
    } catch (const StorageError& e) {
        err << "tunewright-cli best: " << e.what() << "\n";
        return storageExitCode(e);
    }
    return ExitBadInput;
}

const CliCommand::Registrar trialsRegistrar({"trials", "list a study's trials (table, csv or json)", trials});
const CliCommand::Registrar bestRegistrar({"best", "show a study's best trial and its params", best});

} // namespace

} // namespace tw::cli
